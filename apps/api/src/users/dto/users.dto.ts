import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDefined, IsObject, IsDateString, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

/** Horreum's `UserData`. */
export class UserData {
  @ApiProperty({ description: 'User id' })
  @IsOptional()
  @IsString()
  id: string;

  @ApiProperty({ example: 'alice' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/, { message: 'username must be letters, digits and . _ @ + -, starting with a letter or digit' })
  username: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  firstName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lastName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;
}

export const UI_ROLES = ['viewer', 'tester', 'uploader', 'manager'] as const;

/** Horreum's `NewUser`. */
export class NewUser {
  @ApiProperty({ type: UserData })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => UserData)
  user: UserData;

  @ApiPropertyOptional({ description: "Password (Granary's own users). Without one, the user signs in through the OIDC provider only." })
  @IsOptional()
  @IsString()
  password?: string;

  @ApiPropertyOptional({ description: 'Team to add the user to', example: 'performance-team' })
  @IsOptional()
  @IsString()
  team?: string;

  @ApiPropertyOptional({ type: [String], enum: UI_ROLES, description: 'Roles in that team' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  roles?: string[];
}

/** Horreum's `ApiKeyRequest`, with Granary's optional expiry and upload-only restriction beside it. */
export class ApiKeyRequest {
  @ApiPropertyOptional({ example: 'jenkins' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ['USER'], enumName: 'KeyType', default: 'USER' })
  @IsOptional()
  @IsIn(['USER'])
  type?: 'USER';

  @ApiPropertyOptional({ format: 'date-time', description: 'Granary: when the key stops working (default: never)' })
  @IsOptional()
  @IsDateString()
  expiresAt?: string;

  @ApiPropertyOptional({ description: 'Granary: the key may upload runs but not read private data or change anything else' })
  @IsOptional()
  @IsBoolean()
  uploadOnly?: boolean;
}

/** Horreum's `ApiKeyResponse`, with Granary's additions. */
export class ApiKeyResponse {
  @ApiProperty({ type: 'integer', format: 'int64' })
  id: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['USER'], enumName: 'KeyType' })
  type: 'USER';

  @ApiProperty({ format: 'date-time' })
  creation: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Last use (recorded at most once a minute)' })
  access?: string;

  @ApiProperty()
  isRevoked: boolean;

  @ApiPropertyOptional({ type: 'integer', format: 'int64', description: 'Days until the key expires (negative: expired); absent when it never expires' })
  toExpiration?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  expiresAt?: string;

  @ApiProperty()
  uploadOnly: boolean;
}

export class ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  currentPassword: string;

  @ApiProperty()
  @IsString()
  newPassword: string;
}

export class ResetPasswordResponse {
  @ApiProperty({ description: 'The new password, shown once' })
  password: string;
}
