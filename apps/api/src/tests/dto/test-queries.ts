import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { BooleanQuery, IntQuery } from '../../datasets/dto/query-params';
import { SORT_DIRECTIONS } from './list-tests.query';
import { ACCESS_INPUTS, type AccessInput } from './update-test.dto';

/** Query of Horreum's `GET /api/test/summary` (getTestSummary). */
export class TestSummaryQuery {
  @ApiPropertyOptional({ description: '`__my`, `__all` or a comma-separated list of teams or team roles', example: '__my' })
  @IsOptional()
  @IsString()
  roles?: string;

  @ApiPropertyOptional({ description: 'Tests directly in this folder; none: tests in no folder; `*`: every folder', example: 'My Team Folder' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  folder?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 20 })
  @IntQuery(1, 1000)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 1, description: 'Page number from 1; 0 answers every test (up to 10,000)' })
  @IntQuery(0)
  page?: number;

  @ApiPropertyOptional({ enum: SORT_DIRECTIONS, enumName: 'SortDirection', default: 'Ascending', description: 'By name' })
  @IsOptional()
  @IsIn(SORT_DIRECTIONS)
  direction?: (typeof SORT_DIRECTIONS)[number];

  @ApiPropertyOptional({ description: 'Only tests whose name contains this text (case-insensitive)', example: 'quarkus' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;
}

/** Query of Horreum's `GET /api/test/folders`. */
export class FoldersQuery {
  @ApiPropertyOptional({ description: '`__my`, `__all` or a comma-separated list of teams or team roles', example: '__my' })
  @IsOptional()
  @IsString()
  roles?: string;
}

/** Query of Horreum's updateTestAccess and updateRunAccess. */
export class UpdateAccessQuery {
  @ApiProperty({ description: 'The new owner team', example: 'perf-team' })
  @IsString()
  @MaxLength(255)
  owner: string;

  @ApiProperty({ enum: ['PUBLIC', 'PROTECTED', 'PRIVATE', '0', '1', '2'], description: 'The new access level, by name or ordinal', example: 'PUBLIC' })
  @IsIn(ACCESS_INPUTS)
  access: AccessInput;
}

/** Query of Horreum's `POST /api/test/{id}/notifications`. */
export class NotificationsQuery {
  @ApiProperty({ description: 'Whether notifications are sent for this test', example: false })
  @BooleanQuery({ required: true })
  enabled: boolean;
}

/** Query of Horreum's `POST /api/test/{id}/move`. */
export class MoveTestQuery {
  @ApiPropertyOptional({ description: 'The new folder (a trailing `/` is dropped); none or empty: no folder', example: 'My Benchmark Folder' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  folder?: string;
}
