import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  username: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  username: string;

  @ApiProperty({ description: 'Administrator of this Granary instance' })
  isAdmin: boolean;

  @ApiProperty({ type: [String], description: 'Horreum-style roles: `admin`, `viewer`, `<team>-team`, `<team>-tester`, ...' })
  roles: string[];

  @ApiProperty({ type: [String], description: 'Teams the user belongs to' })
  teams: string[];

  @ApiProperty({ enum: ['session', 'basic', 'api-key', 'oidc'], description: 'How this request was authenticated' })
  via: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'Session token: send it as `Authorization: Bearer <token>`', example: 'gs_…' })
  token: string;

  @ApiProperty({ format: 'date-time', description: 'When the session ends unless used (each use extends it)' })
  expiresAt: string;

  @ApiProperty({ type: MeDto })
  user: MeDto;
}

export class OidcProviderDto {
  @ApiProperty({ example: 'https://keycloak.example.com/realms/granary' })
  issuer: string;

  @ApiProperty({ example: 'granary-ui' })
  clientId: string;
}

export class AuthConfigDto {
  @ApiProperty({ description: "Granary's own users may sign in with a password" })
  localLogin: boolean;

  @ApiProperty({ type: OidcProviderDto, nullable: true, description: 'The OIDC provider, when one is configured' })
  oidc: OidcProviderDto | null;
}
