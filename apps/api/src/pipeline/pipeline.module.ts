import { Global, Module } from '@nestjs/common';
import { PipelineRequests } from './pipeline-requests';
import { PipelineWorkerService } from './pipeline-worker.service';

/** The results pipeline: runs to datasets to label values, in the background. */
@Global()
@Module({ providers: [PipelineRequests, PipelineWorkerService], exports: [PipelineRequests] })
export class PipelineModule {}
