import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';

/** Horreum's Watch: who is told about a test's events. */
export class WatchDto {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', nullable: true, description: 'Absent until someone subscribes', example: 3 })
  @IsOptional()
  @IsInt()
  id?: number | null;

  @ApiProperty({ type: [String], description: 'Subscribed users (user names)', example: ['alice'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  users: string[];

  @ApiProperty({ type: [String], description: 'Users who opted out of their team subscriptions', example: [] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  optout: string[];

  @ApiProperty({ type: [String], description: 'Subscribed teams (`<name>-team`)', example: ['perf-team'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  teams: string[];

  @ApiProperty({ type: 'integer', format: 'int32', description: 'The test', example: 101 })
  @IsOptional()
  @IsInt()
  testId: number;
}
