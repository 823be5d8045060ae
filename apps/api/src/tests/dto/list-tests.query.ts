import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export const TEST_SORT_FIELDS = ['name', 'id', 'description', 'owner', 'folder'] as const;
export const SORT_DIRECTIONS = ['Ascending', 'Descending'] as const;

/** Query of Horreum's `GET /api/test` (listTests). */
export class ListTestsQuery {
  @ApiPropertyOptional({ description: '`__my`, `__all` or a comma-separated list of roles', example: '__my' })
  @IsOptional()
  @IsString()
  roles?: string;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 1000, description: 'Tests per page; all tests when omitted', example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    default: 0,
    description: 'Page number, from 0, as Horreum counts test pages (its documentation says 1, its server and clients use 0)',
    example: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  page?: number;

  @ApiPropertyOptional({ enum: TEST_SORT_FIELDS, default: 'name', description: 'Field to sort by' })
  @IsOptional()
  @IsIn(TEST_SORT_FIELDS)
  sort?: (typeof TEST_SORT_FIELDS)[number];

  @ApiPropertyOptional({ enum: SORT_DIRECTIONS, enumName: 'SortDirection', default: 'Ascending', description: 'Sort direction' })
  @IsOptional()
  @IsIn(SORT_DIRECTIONS)
  direction?: (typeof SORT_DIRECTIONS)[number];
}
