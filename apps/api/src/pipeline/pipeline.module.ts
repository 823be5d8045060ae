import { Global, Module } from '@nestjs/common';
import { PipelineRequests } from './pipeline-requests';
import { PipelineWorkerService } from './pipeline-worker.service';
import { PreviewService } from './preview.service';
import { PreviewController, RunRecalculationController, TestRecalculationController } from './recalculation.controller';
import { RecalculationService } from './recalculation.service';

/** The results pipeline: runs to datasets to label values, in the background; recalculation and previews. */
@Global()
@Module({
  controllers: [TestRecalculationController, RunRecalculationController, PreviewController],
  providers: [PipelineRequests, PipelineWorkerService, RecalculationService, PreviewService],
  exports: [PipelineRequests],
})
export class PipelineModule {}
