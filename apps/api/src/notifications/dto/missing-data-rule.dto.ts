import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

/** Horreum's MissingDataRule: datasets matching it must keep arriving, at most `maxStaleness` ms apart. */
export class MissingDataRuleDto {
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Rule id; absent or negative when creating', example: 7 })
  @IsOptional()
  @IsInt()
  @Min(-2_147_483_648)
  @Max(2_147_483_647)
  id: number;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Name shown in notifications', example: 'nightly build' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Label names whose values are the condition input (none: input null; one: its value; several: {name: value})', example: ['arch'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  labels?: string[];

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'JavaScript predicate on the input; a dataset matches when it returns true. None: every dataset matches', example: 'arch => arch === "x86_64"' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  condition?: string | null;

  @ApiProperty({ type: 'integer', format: 'int64', minimum: 1, description: 'Longest time without a matching dataset (dataset start), in milliseconds', example: 86_400_000 })
  @Type(() => Number)
  @IsInt()
  @Min(1, { message: 'maxStaleness must be greater than 0 (milliseconds)' })
  @Max(Number.MAX_SAFE_INTEGER)
  maxStaleness: number;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', nullable: true, description: 'When the rule last notified; reset when the rule is saved', example: '2022-03-10T16:15:50Z' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  lastNotification?: string | null;

  @ApiProperty({ type: 'integer', format: 'int32', description: 'The test the rule watches (the query parameter wins)', example: 101 })
  @IsOptional()
  @IsInt()
  testId: number;
}

export class TestIdQuery {
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Test id', example: 101 })
  @Type(() => Number)
  @IsInt()
  @Min(-2_147_483_648)
  @Max(2_147_483_647)
  testId: number;
}

/** Query of Horreum's `POST /api/alerting/expectRun`. */
export class ExpectRunQuery {
  @ApiProperty({ description: 'Test name or id', example: 'my-benchmark' })
  @IsString()
  @MaxLength(255)
  test: string;

  @ApiProperty({ type: 'integer', format: 'int64', minimum: 1, description: 'Seconds from now within which a run must be uploaded to the test', example: 3600 })
  @Type(() => Number)
  @IsInt({ message: 'timeout must be a whole number of seconds' })
  @Min(1, { message: 'timeout must be positive (unit: seconds)' })
  @Max(315_360_000)
  timeout: number;

  @ApiPropertyOptional({ description: 'Who expects the run (default: the caller)', example: 'jenkins' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  expectedby?: string;

  @ApiPropertyOptional({ description: 'Link back to whatever expects the run (a CI job)', example: 'https://ci.example.com/job/nightly/42' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  backlink?: string;
}
