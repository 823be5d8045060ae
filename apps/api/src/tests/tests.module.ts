import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { TestsHorreumController } from './tests.horreum.controller';
import { TestsRepository } from './tests.repository';
import { TestsService } from './tests.service';

@Module({ imports: [DatasetsModule], controllers: [TestsHorreumController], providers: [TestsService, TestsRepository], exports: [TestsService] })
export class TestsModule {}
