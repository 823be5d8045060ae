import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { BooleanQuery, CommaListQuery, IntQuery } from './query-params';

/** At most this many rows in one answer of /labelValues (Horreum: unlimited). */
export const MAX_LABEL_VALUE_ROWS = 100_000;

const DIRECTIONS = ['Ascending', 'Descending', 'ascending', 'descending'] as const;

/** Query of Horreum's `GET /api/run/{id}/labelValues` (getRunLabelValues). */
export class RunLabelValuesQuery {
  @ApiPropertyOptional({
    default: '{}',
    description:
      'A JSON object every dataset must contain (label name → value, by containment), or a JSONPath over the label values that must find something (`$.count ? (@ < 20)`)',
    example: '{"arch":"x86_64"}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  filter?: string;

  @ApiPropertyOptional({ default: '', description: '`start`, `stop` or a label name (label values sort numbers first); default: run id, newest first' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  sort?: string;

  @ApiPropertyOptional({ enum: DIRECTIONS, default: 'Ascending' })
  @IsOptional()
  @IsIn(DIRECTIONS)
  direction?: (typeof DIRECTIONS)[number];

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_LABEL_VALUE_ROWS, description: `Rows per page; all (up to ${MAX_LABEL_VALUE_ROWS}) when omitted` })
  @IntQuery(1, MAX_LABEL_VALUE_ROWS)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, default: 0, description: 'Page number from 0 (as Horreum counts label value pages)' })
  @IntQuery(0)
  page?: number;

  @ApiPropertyOptional({ type: [String], description: 'Only these labels (comma-separated or repeated)', example: 'throughput,arch' })
  @IsOptional()
  @CommaListQuery()
  @IsArray()
  @IsString({ each: true })
  include?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Not these labels (comma-separated or repeated)' })
  @IsOptional()
  @CommaListQuery()
  @IsArray()
  @IsString({ each: true })
  exclude?: string[];

  @ApiPropertyOptional({ default: false, description: 'In an object filter, an array value means "any of these values"' })
  @BooleanQuery()
  multiFilter?: boolean;
}

/** Query of Horreum's `GET /api/test/{id}/labelValues` (getTestLabelValues), plus Granary's `fingerprint` and `format`. */
export class TestLabelValuesQuery extends RunLabelValuesQuery {
  @ApiPropertyOptional({ default: true, description: 'Include values of filtering labels' })
  @BooleanQuery()
  filtering?: boolean;

  @ApiPropertyOptional({ default: true, description: 'Include values of metric labels' })
  @BooleanQuery()
  metrics?: boolean;

  @ApiPropertyOptional({ description: 'Only datasets that stop before this time: epoch milliseconds or ISO-8601', example: '2024-01-31T00:00:00Z' })
  @IsOptional()
  @IsString()
  before?: string;

  @ApiPropertyOptional({ description: 'Only datasets that start after this time: epoch milliseconds or ISO-8601', example: '1704067200000' })
  @IsOptional()
  @IsString()
  after?: string;

  @ApiPropertyOptional({ description: 'Granary: only datasets whose fingerprint equals this JSON object', example: '{"arch":"x86_64"}' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  fingerprint?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'Granary: `csv` answers text/csv, one row per dataset: runId, datasetId, start, stop, then one column per label' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
