import { Module } from '@nestjs/common';
import { UsersHorreumController } from './users.horreum.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({ controllers: [UsersHorreumController], providers: [UsersService, UsersRepository], exports: [UsersService] })
export class UsersModule {}
