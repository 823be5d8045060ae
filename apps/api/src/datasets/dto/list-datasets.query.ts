import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SORT_DIRECTIONS } from '../../tests/dto/list-tests.query';
import { IntQuery } from './query-params';

export const DATASET_SORT_COLUMNS = ['id', 'runId', 'ordinal', 'start', 'stop', 'description', 'owner', 'access', 'testname'] as const;

/** Query of Horreum's dataset lists (listByTest, listByRun), plus Granary's `fingerprint`. */
export class ListDatasetsQuery {
  @ApiPropertyOptional({
    description: "JSON object matched by containment against the dataset's label values by name",
    example: '{"buildID":111111}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  filter?: string;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 1000, description: 'Datasets per page; all (up to 10,000) when omitted', example: 20 })
  @IntQuery(1, 1000)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, description: 'Page number from 1 (0: the first page)', example: 1 })
  @IntQuery(0)
  page?: number;

  @ApiPropertyOptional({
    default: 'start',
    description: `A column (${DATASET_SORT_COLUMNS.join(', ')}), a label name of the datasets' schemas, or Horreum's \`view_data:<component>:<label>\`; label values sort numbers first`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  sort?: string;

  @ApiPropertyOptional({ enum: SORT_DIRECTIONS, enumName: 'SortDirection', default: 'Descending' })
  @IsOptional()
  @IsIn(SORT_DIRECTIONS)
  direction?: (typeof SORT_DIRECTIONS)[number];

  @ApiPropertyOptional({ type: 'integer', format: 'int32', description: 'Horreum view id: accepted and ignored (Granary has no views yet)' })
  @IntQuery(-2_147_483_648)
  viewId?: number;

  @ApiPropertyOptional({
    description: "Granary: only datasets whose fingerprint equals this JSON object (values compare as text, as Horreum stores them)",
    example: '{"arch":"x86_64"}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  fingerprint?: string;
}

/** Query of Horreum's `GET /api/dataset/list/bySchema`. */
export class ListDatasetsBySchemaQuery {
  @ApiProperty({ description: 'Schema URI', example: 'urn:techempower:0.1' })
  @IsString()
  @MaxLength(1000)
  uri: string;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 1000, example: 20 })
  @IntQuery(1, 1000)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, description: 'Page number from 1', example: 1 })
  @IntQuery(0)
  page?: number;

  @ApiPropertyOptional({ enum: DATASET_SORT_COLUMNS, default: 'start' })
  @IsOptional()
  @IsIn(DATASET_SORT_COLUMNS)
  sort?: (typeof DATASET_SORT_COLUMNS)[number];

  @ApiPropertyOptional({ enum: SORT_DIRECTIONS, enumName: 'SortDirection', default: 'Descending' })
  @IsOptional()
  @IsIn(SORT_DIRECTIONS)
  direction?: (typeof SORT_DIRECTIONS)[number];
}
