import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CallerParam, type Caller, type UserCaller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { Access } from './access.decorator';
import { AuthService } from './auth.service';
import type { Config } from '@granary/config';
import { CONFIG } from '../common/config/config.module';
import { AuthConfigDto, LoginRequest, LoginResponse, MeDto } from './dto/auth.dto';
import { teamsWith } from './roles';

/** Granary's own sign-in (its users, mode 3): a session token for a user name and password. */
@ApiTags('Auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({ operationId: 'login', summary: 'Sign in with a user name and password; answers a session token' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblemResponses(400, 401, 429)
  async login(@Body() body: LoginRequest, @Req() req: Request): Promise<LoginResponse> {
    const result = await this.auth.login(body.username, body.password, req.ip ?? 'unknown');
    return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: toMe(result.caller) };
  }

  @Get('config')
  @Access('public')
  @ApiOperation({ operationId: 'authConfig', summary: 'How people sign in here: the login form, an OIDC provider, or both' })
  @ApiOkResponse({ type: AuthConfigDto })
  authConfig(): AuthConfigDto {
    return {
      localLogin: this.config.localLogin,
      oidc: this.config.oidcIssuerUrl ? { issuer: this.config.oidcIssuerUrl, clientId: this.config.oidcClientId } : null,
    };
  }

  @Post('oidc/session')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOperation({ operationId: 'oidcSession', summary: "Exchange the OIDC provider's access token (as Bearer) for a Granary session (the UI's single sign-on)" })
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblemResponses(400, 401)
  async oidcSession(@CallerParam() caller: Caller): Promise<LoginResponse> {
    const result = await this.auth.sessionForOidc(caller);
    return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: toMe(result.caller) };
  }

  @Post('logout')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'logout', summary: 'End the session this request was made with' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401)
  async logout(@CallerParam() caller: Caller): Promise<void> {
    await this.auth.logout(caller);
  }

  @Get('me')
  @Access('authenticated')
  @ApiOperation({ operationId: 'me', summary: 'Who the caller is: user, roles, teams, how it signed in' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblemResponses(401)
  me(@CallerParam() caller: UserCaller): MeDto {
    return toMe(caller);
  }
}

function toMe(caller: UserCaller): MeDto {
  return { id: caller.userId, username: caller.username, isAdmin: caller.isAdmin, roles: caller.roles, teams: teamsWith(caller.roles), via: caller.via };
}
