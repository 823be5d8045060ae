import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SORT_DIRECTIONS } from '../../tests/dto/list-tests.query';
import { ACCESS_INPUTS, type AccessInput } from './schema.dto';
import { ACCESS_VALUES } from '../../tests/dto/test.dto';

export const SCHEMA_SORT_FIELDS = ['name', 'id', 'uri', 'description', 'owner', 'access'] as const;

/** Query of Horreum's `GET /api/schema` (listSchemas). */
export class ListSchemasQuery {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 1000, description: 'Schemas per page; all schemas when omitted', example: 20 })
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
    description: 'Page number, from 0, as Horreum counts schema pages (its documentation says 1, its server uses 0)',
    example: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  page?: number;

  @ApiPropertyOptional({ enum: SCHEMA_SORT_FIELDS, default: 'name', description: 'Field to sort by' })
  @IsOptional()
  @IsIn(SCHEMA_SORT_FIELDS)
  sort?: (typeof SCHEMA_SORT_FIELDS)[number];

  @ApiPropertyOptional({ enum: SORT_DIRECTIONS, enumName: 'SortDirection', default: 'Ascending', description: 'Sort direction' })
  @IsOptional()
  @IsIn(SORT_DIRECTIONS)
  direction?: (typeof SORT_DIRECTIONS)[number];

  @ApiPropertyOptional({ description: '`__my`, `__all` or a comma-separated list of teams or team roles', example: '__my' })
  @IsOptional()
  @IsString()
  roles?: string;

  @ApiPropertyOptional({ description: 'Only schemas whose name contains this text (case-insensitive)', example: 'benchmark' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;
}

/** Query of `GET /api/schema/descriptors`: `id` repeated (`?id=1&id=2`) or comma-separated. */
export class DescriptorsQuery {
  @ApiPropertyOptional({ type: 'array', items: { type: 'integer', format: 'int32' }, description: 'Only these schemas; all visible schemas when omitted' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter((v) => v.trim() !== '').map((v) => Number(v)),
  )
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  id?: number[];
}

/** Query of `POST /api/schema/{id}/updateAccess`. */
export class UpdateAccessQuery {
  @ApiProperty({ description: 'The new owner team', example: 'perf-team' })
  @IsString()
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access', description: 'The new access level, by name or ordinal (0, 1, 2)', example: 'PUBLIC' })
  @IsIn(ACCESS_INPUTS)
  access: AccessInput;
}

export class FindUsagesQuery {
  @ApiProperty({ description: 'Label name to look for', example: 'Throughput' })
  @IsString()
  label: string;
}

export class AllLabelsQuery {
  @ApiPropertyOptional({ description: 'Only labels with this name', example: 'buildID' })
  @IsOptional()
  @IsString()
  name?: string;
}
