import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { BooleanQuery } from '../../datasets/dto/query-params';

/** Horreum's NotificationSettings: how a user or a team is told. */
export class NotificationSettingsDto {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', example: 5 })
  id?: number;

  @ApiProperty({ description: 'User name, or team name (`<name>-team`) when isTeam', example: 'alice' })
  name: string;

  @ApiProperty({ description: 'Whether name is a team', example: false })
  isTeam: boolean;

  @ApiProperty({ enum: ['email'], description: 'How to notify (GET /api/notifications/methods)', example: 'email' })
  method: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'For email: the address', example: 'alice@example.com' })
  data?: string | null;

  @ApiProperty({ description: 'A disabled setting sends nothing', example: false })
  disabled: boolean;
}

/** Query of Horreum's `GET/POST /api/notifications/settings`. */
export class NotificationSettingsQuery {
  @ApiProperty({ description: 'User name, or team name when team=true', example: 'alice' })
  @IsString()
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ description: 'Whether name is a team', default: false })
  @BooleanQuery()
  team?: boolean;
}

/** Horreum's POST /api/notifications/test?method=&data= */
export class TestNotificationQuery {
  @ApiPropertyOptional({ enum: ['email'], description: 'The method (only email)', example: 'email' })
  @IsOptional()
  @IsIn(['email'])
  method?: string;

  @ApiProperty({ description: 'Where to send it: an e-mail address', example: 'perf-team@example.com' })
  @IsEmail()
  data: string;
}
