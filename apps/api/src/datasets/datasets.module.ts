import { Module } from '@nestjs/common';

/** Datasets and their label values (Horreum's /api/dataset). */
@Module({})
export class DatasetsModule {}
