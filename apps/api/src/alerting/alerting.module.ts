import { Module } from '@nestjs/common';
import { AlertingController } from './alerting.controller';
import { AlertingService } from './alerting.service';

/** Change detection settings and results (detection itself runs in the pipeline's workers). */
@Module({
  controllers: [AlertingController],
  providers: [AlertingService],
})
export class AlertingModule {}
