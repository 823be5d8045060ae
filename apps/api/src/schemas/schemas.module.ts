import { Module } from '@nestjs/common';
import { DefinitionsWriter } from './definitions.writer';
import { LabelsService } from './labels.service';
import { SchemaTransferService } from './schema-transfer.service';
import { SchemasHorreumController } from './schemas.horreum.controller';
import { SchemasRepository } from './schemas.repository';
import { SchemasService } from './schemas.service';
import { TestDefinitionsController } from './test-definitions.controller';
import { TestTransferService } from './test-transfer.service';
import { TransformersService } from './transformers.service';

/** Schemas, labels and transformers (Horreum's /api/schema), test import and export. */
@Module({
  controllers: [SchemasHorreumController, TestDefinitionsController],
  providers: [SchemasRepository, DefinitionsWriter, SchemasService, LabelsService, TransformersService, SchemaTransferService, TestTransferService],
  exports: [SchemasService],
})
export class SchemasModule {}
