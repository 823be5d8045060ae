import { Module } from '@nestjs/common';
import { DatasetsHorreumController } from './datasets.horreum.controller';
import { DatasetsRepository } from './datasets.repository';
import { DatasetsService } from './datasets.service';
import { LabelValuesService } from './label-values.service';

/** Datasets and their label values (Horreum's /api/dataset; label value tables of tests and runs). */
@Module({
  controllers: [DatasetsHorreumController],
  providers: [DatasetsService, LabelValuesService, DatasetsRepository],
  exports: [DatasetsService, LabelValuesService],
})
export class DatasetsModule {}
