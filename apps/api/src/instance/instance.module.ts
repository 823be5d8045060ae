import { Module } from '@nestjs/common';
import { InstanceController } from './instance.controller';

/** What this server is: version, identity provider (Horreum's /api/config). */
@Module({ controllers: [InstanceController] })
export class InstanceModule {}
