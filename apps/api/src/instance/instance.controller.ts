import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Config } from '@granary/config';
import { Access } from '../auth/access.decorator';
import { CONFIG } from '../common/config/config.module';

const STARTED = Date.now();

class VersionInfoDto {
  @ApiProperty({ example: '0.1.0' })
  version: string;

  @ApiPropertyOptional({ description: 'Source commit, when the build recorded one (GRANARY_COMMIT)' })
  commit?: string | null;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'When this API process started (epoch ms)' })
  startTimestamp: number;

  @ApiPropertyOptional({ description: 'Link to a privacy statement' })
  privacyStatement?: string | null;
}

class KeycloakConfigDto {
  @ApiPropertyOptional({ description: "The identity provider's realm, when its issuer URL is a Keycloak realm", example: 'horreum' })
  realm: string | null;

  @ApiPropertyOptional({ description: "The identity provider's base URL", example: 'https://keycloak.example.com' })
  url: string | null;

  @ApiPropertyOptional({ example: 'granary-ui' })
  clientId: string | null;
}

/** Horreum's /api/config/version and /api/config/keycloak, which its clients read first. */
@ApiTags('Config')
@Controller('config')
export class InstanceController {
  constructor(@Inject(CONFIG) private readonly config: Config) {}

  @Get('version')
  @Access('public')
  @ApiOperation({ operationId: 'version', summary: "This server's version and start time" })
  @ApiOkResponse({ type: VersionInfoDto })
  version(): VersionInfoDto {
    const { version } = require('../../package.json') as { version: string };
    return { version, commit: process.env.GRANARY_COMMIT ?? null, startTimestamp: STARTED, privacyStatement: null };
  }

  @Get('keycloak')
  @Access('public')
  @ApiOperation({ operationId: 'keycloak', summary: 'The OIDC provider clients sign in with, in Horreum\'s Keycloak shape (nulls when there is none)' })
  @ApiOkResponse({ type: KeycloakConfigDto })
  keycloak(): KeycloakConfigDto {
    const issuer = this.config.oidcIssuerUrl;
    if (!issuer) {
      return { realm: null, url: null, clientId: null };
    }
    const match = /^(.*)\/realms\/([^/]+)\/?$/.exec(issuer);
    return { realm: match ? match[2]! : null, url: match ? match[1]! : issuer, clientId: this.config.oidcClientId ?? null };
  }
}
