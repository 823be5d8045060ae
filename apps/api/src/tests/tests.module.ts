import { Module } from '@nestjs/common';
import { TestsHorreumController } from './tests.horreum.controller';
import { TestsRepository } from './tests.repository';
import { TestsService } from './tests.service';

@Module({ controllers: [TestsHorreumController], providers: [TestsService, TestsRepository], exports: [TestsService] })
export class TestsModule {}
