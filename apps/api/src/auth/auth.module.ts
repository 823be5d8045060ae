import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { BootstrapService } from './bootstrap.service';
import { OidcService } from './oidc.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, AuthRepository, BootstrapService, OidcService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, BootstrapService],
})
export class AuthModule {}
