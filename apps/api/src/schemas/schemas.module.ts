import { Module } from '@nestjs/common';

/** Schemas, labels and transformers (Horreum's /api/schema), test import and export. */
@Module({})
export class SchemasModule {}
