import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SchemaUsageDto, ValidationErrorDto } from '../datasets/dto/dataset.dto';
import { BooleanQuery, IntQuery } from '../datasets/dto/query-params';
import { SORT_DIRECTIONS } from '../tests/dto/list-tests.query';
import { ACCESS_VALUES, type AccessValue } from '../tests/dto/test.dto';

export const RUN_SORT_COLUMNS = ['id', 'start', 'stop', 'description', 'owner', 'access', 'testid', 'testname', 'trashed'] as const;
export type RunSortColumn = (typeof RUN_SORT_COLUMNS)[number];

/** Horreum's `RunSummary`, a row of the run lists. */
@ApiSchema({ name: 'RunSummary' })
export class RunSummaryDto {
  @ApiProperty({ type: 'integer', format: 'int32', example: 202 })
  id: number;

  @ApiProperty({ type: 'integer', format: 'int32', description: 'Test id', example: 101 })
  testid: number;

  @ApiProperty({ example: 'my-benchmark' })
  testname: string;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Epoch milliseconds', example: 1704965908267 })
  start: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Epoch milliseconds', example: 1704965908267 })
  stop: number;

  @ApiPropertyOptional({ example: 'Run on AWS with m7g.large' })
  description?: string;

  @ApiProperty({ example: 'performance-team' })
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access' })
  access: AccessValue;

  @ApiProperty()
  trashed: boolean;

  @ApiProperty({ description: 'Whether metadata was uploaded with the run' })
  hasMetadata: boolean;

  @ApiProperty({ type: [SchemaUsageDto] })
  schemas: SchemaUsageDto[];

  @ApiProperty({ type: [Number], description: 'Dataset ids, by ordinal', example: [101, 102] })
  datasets: number[];

  @ApiPropertyOptional({ type: [ValidationErrorDto] })
  validationErrors?: ValidationErrorDto[];
}

/** Horreum's `RunExtended`: the run with its data, schemas, test name and dataset ids. */
@ApiSchema({ name: 'RunExtended' })
export class RunExtendedDto {
  @ApiProperty({ type: 'integer', format: 'int32', example: 202 })
  id: number;

  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  testid: number;

  @ApiProperty({ example: 'my-benchmark' })
  testname: string;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Epoch milliseconds' })
  start: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Epoch milliseconds' })
  stop: number;

  @ApiPropertyOptional()
  description?: string;

  @ApiProperty({ example: 'performance-team' })
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access' })
  access: AccessValue;

  @ApiProperty({ description: 'The run document (JSON)' })
  data: unknown;

  @ApiPropertyOptional({ type: 'array', items: {}, description: 'Metadata documents uploaded with the run' })
  metadata?: unknown;

  @ApiProperty()
  trashed: boolean;

  @ApiProperty({ type: [SchemaUsageDto] })
  schemas: SchemaUsageDto[];

  @ApiProperty({ type: [Number], example: [101, 102] })
  datasets: number[];

  @ApiPropertyOptional({ type: [ValidationErrorDto] })
  validationErrors?: ValidationErrorDto[];
}

/** Horreum's `RunsSummary`. */
@ApiSchema({ name: 'RunsSummary' })
export class RunsSummaryDto {
  @ApiProperty({ type: 'integer', format: 'int64', description: 'How many runs match, over all pages' })
  total: number;

  @ApiProperty({ type: [RunSummaryDto] })
  runs: RunSummaryDto[];
}

/** Horreum's `RunCount`. */
@ApiSchema({ name: 'RunCount' })
export class RunCountDto {
  @ApiProperty({ type: 'integer', format: 'int64', example: 100 })
  total: number;

  @ApiProperty({ type: 'integer', format: 'int64', example: 95 })
  active: number;

  @ApiProperty({ type: 'integer', format: 'int64', example: 5 })
  trashed: number;
}

class RunPagingQuery {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 1000, description: 'Runs per page; all (up to 10,000) when omitted', example: 20 })
  @IntQuery(1, 1000)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, description: 'Page number from 1 (0: the first page)', example: 1 })
  @IntQuery(0)
  page?: number;

  @ApiPropertyOptional({ enum: RUN_SORT_COLUMNS, default: 'start' })
  @IsOptional()
  @IsIn(RUN_SORT_COLUMNS)
  sort?: RunSortColumn;

  @ApiPropertyOptional({ enum: SORT_DIRECTIONS, enumName: 'SortDirection', default: 'Descending' })
  @IsOptional()
  @IsIn(SORT_DIRECTIONS)
  direction?: (typeof SORT_DIRECTIONS)[number];
}

/** Query of Horreum's `GET /api/run/list/{testId}`, plus Granary's `from`/`to`. */
export class ListTestRunsQuery extends RunPagingQuery {
  @ApiPropertyOptional({ default: false, description: 'Include trashed runs' })
  @BooleanQuery()
  trashed?: boolean;

  @ApiPropertyOptional({ description: 'Granary: only runs that start at or after this time (epoch milliseconds or ISO-8601)', example: '2024-01-01T00:00:00Z' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ description: 'Granary: only runs that start at or before this time (epoch milliseconds or ISO-8601)', example: '1706745600000' })
  @IsOptional()
  @IsString()
  to?: string;
}

/** Query of Horreum's `GET /api/run/list`. */
export class ListAllRunsQuery extends RunPagingQuery {
  @ApiPropertyOptional({
    description:
      'Terms separated by `,` or ` OR `: a JSONPath (`$.build`), a filter on any value (`@ == "x86"`), or bare words (a key of that name anywhere)',
    example: '$.buildId',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  query?: string;

  @ApiPropertyOptional({ default: false, description: 'Every term must match (else any)' })
  @BooleanQuery()
  matchAll?: boolean;

  @ApiPropertyOptional({ description: '`__my`, `__all` or a comma-separated list of teams or team roles', example: '__my' })
  @IsOptional()
  @IsString()
  roles?: string;

  @ApiPropertyOptional({ default: false, description: 'Include trashed runs' })
  @BooleanQuery()
  trashed?: boolean;
}

/** Query of Horreum's `GET /api/run/bySchema`. */
export class ListRunsBySchemaQuery extends RunPagingQuery {
  @ApiProperty({ description: 'Schema URI', example: 'urn:my-schema:0.1' })
  @IsString()
  @MaxLength(1000)
  uri: string;
}

export class RunCountQuery {
  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  @Type(() => Number)
  @IsInt()
  @Min(-2_147_483_648)
  @Max(2_147_483_647)
  testId: number;
}

export class RunDataQuery {
  @ApiPropertyOptional({ description: 'Answer only the part of the document that carries this schema URI', example: 'urn:my-benchmark:0.1' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  schemaUri?: string;
}

export class TrashRunQuery {
  @ApiPropertyOptional({ default: true, description: 'true: trash (deletes its datasets); false: restore (transformed again)' })
  @BooleanQuery()
  isTrashed?: boolean;
}

export class AutocompleteQuery {
  @ApiProperty({ description: 'A JSONPath being typed: answers the keys under its last complete step that start with the rest', example: '$.resu' })
  @IsString()
  @MaxLength(1000)
  query: string;
}

/** Body of Granary's `POST /api/test/{id}/runs/trash`. */
export class BulkTrashRequest {
  @ApiPropertyOptional({ type: [Number], description: 'These runs of the test', example: [101, 102] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  runIds?: number[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Runs with a dataset whose label values contain this object (trashing only: trashed runs have no datasets)',
    example: { arch: 'x86_64' },
  })
  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown>;

  @ApiProperty({ description: 'true: trash; false: restore' })
  @IsBoolean()
  trashed: boolean;
}

export class BulkTrashResponse {
  @ApiProperty({ type: 'integer', description: 'How many runs changed state', example: 2 })
  count: number;
}
