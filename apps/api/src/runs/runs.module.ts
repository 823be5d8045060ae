import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { RunsHorreumController } from './runs.horreum.controller';
import { RunsBulkController, RunsReadController } from './runs.read.controller';
import { RunsReadRepository } from './runs.read.repository';
import { RunsReadService } from './runs.read.service';
import { RunsRepository } from './runs.repository';
import { RunsService } from './runs.service';

@Module({
  imports: [DatasetsModule],
  controllers: [RunsHorreumController, RunsReadController, RunsBulkController],
  providers: [RunsService, RunsRepository, RunsReadService, RunsReadRepository],
  exports: [RunsService, RunsReadService],
})
export class RunsModule {}
