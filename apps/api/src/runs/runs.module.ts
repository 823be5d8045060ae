import { Module } from '@nestjs/common';
import { RunsHorreumController } from './runs.horreum.controller';
import { RunsRepository } from './runs.repository';
import { RunsService } from './runs.service';

@Module({ controllers: [RunsHorreumController], providers: [RunsService, RunsRepository], exports: [RunsService] })
export class RunsModule {}
