import { Global, Module } from '@nestjs/common';
import { PipelineRequests } from './pipeline-requests';

/** The results pipeline: runs to datasets to label values, in the background. */
@Global()
@Module({ providers: [PipelineRequests], exports: [PipelineRequests] })
export class PipelineModule {}
