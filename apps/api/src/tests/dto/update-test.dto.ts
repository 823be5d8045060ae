import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ACCESS_VALUES, type AccessValue } from './test.dto';

export const ACCESS_INPUTS = [...ACCESS_VALUES, 0, 1, 2, '0', '1', '2'] as const;
export type AccessInput = (typeof ACCESS_INPUTS)[number];

/**
 * Body of Horreum's `PUT /api/test` (updateTest): the whole test, as getTest answers it. Like
 * Horreum, optional fields left out are cleared; `transformers` and `datastoreId` are ignored
 * (transformers have their own endpoint).
 */
export class UpdateTestRequest {
  @ApiProperty({ type: 'integer', format: 'int32', description: 'The test to update', example: 101 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  id: number;

  @ApiProperty({ example: 'my-comprehensive-benchmark' })
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'name must not be empty nor start or end with spaces' })
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ description: 'Folder; `*` is not allowed (it means "any folder" in lists)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  folder?: string;

  @ApiProperty({ description: 'Owner team; changing it needs the tester role in both teams', example: 'performance-team' })
  @IsString()
  owner: string;

  @ApiPropertyOptional({ enum: ACCESS_VALUES, enumName: 'Access', description: 'Unchanged when left out' })
  @IsOptional()
  @IsIn(ACCESS_INPUTS)
  access?: AccessInput;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  timelineLabels?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  timelineFunction?: string;

  @ApiPropertyOptional({ type: [String], description: 'Changing the fingerprint labels or filter recomputes every fingerprint of the test' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  fingerprintLabels?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  fingerprintFilter?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  compareUrl?: string;

  @ApiPropertyOptional({ description: 'Whether changes and missing data are notified (true when absent)' })
  @IsOptional()
  @IsBoolean()
  notificationsEnabled?: boolean;
}

export type { AccessValue };
