import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsArray, IsBoolean, IsDefined, IsInt, IsObject, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { IntQuery } from '../datasets/dto/query-params';

/** One model applied to a variable (Horreum's ChangeDetection). */
export class ChangeDetectionDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Absent or negative for a new one', example: 3 })
  @IsOptional()
  @IsInt()
  id?: number;

  @ApiProperty({ enum: ['relativeDifference', 'fixedThreshold', 'eDivisive'], example: 'relativeDifference' })
  @IsString()
  model: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The model's parameters (see GET /api/alerting/changeDetectionModels); missing ones take the defaults",
    example: { window: 1, threshold: 0.2, minPrevious: 5, filter: 'mean' },
  })
  @IsOptional()
  @IsObject()
  config: Record<string, unknown> = {};
}

/** A change detection variable (Horreum's Variable). */
export class VariableDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Absent or negative for a new variable', example: 7 })
  @IsOptional()
  @IsInt()
  id?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'The test (taken from the query on writes)', example: 12 })
  @IsOptional()
  @IsInt()
  testId?: number;

  @ApiProperty({ example: 'Throughput' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Variables of a group are drawn together', example: 'Performance' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  group?: string | null;

  @ApiPropertyOptional({ type: 'integer', example: 0 })
  @IsOptional()
  @IsInt()
  order?: number;

  @ApiProperty({ type: [String], description: 'Metric label names (by name, across schemas)', example: ['throughput'] })
  @IsArray()
  @IsString({ each: true })
  labels: string[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'JavaScript combining the labels (one value, or an object by label name) into a number' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  calculation?: string | null;

  @ApiProperty({ type: [ChangeDetectionDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChangeDetectionDto)
  changeDetection: ChangeDetectionDto[];
}

/** Horreum's DatasetInfo as a change carries it. */
export class DatasetInfoDto {
  @ApiProperty({ type: 'integer', nullable: true, description: 'The dataset now carrying the change (null when its run is being processed again)' })
  id: number | null;

  @ApiProperty({ type: 'integer' })
  runId: number;

  @ApiProperty({ type: 'integer' })
  ordinal: number;

  @ApiProperty({ type: 'integer' })
  testId: number;
}

/** A change (Horreum's Change, with Granary's details). */
export class ChangeDto {
  @ApiProperty({ type: 'integer' })
  id: number;

  @ApiProperty({ type: VariableDto })
  variable: VariableDto;

  @ApiProperty({ type: DatasetInfoDto })
  dataset: DatasetInfoDto;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Timeline position of the point where the change starts (epoch ms)' })
  timestamp: number;

  @ApiProperty()
  confirmed: boolean;

  @ApiProperty({ example: 'mean 102.1 → 80.3 (-21.35 %)' })
  description: string;

  @ApiProperty({ description: 'Granary: dismissed; an ignored change does not come back on recalculation' })
  ignored: boolean;

  @ApiProperty({ enum: ['relativeDifference', 'fixedThreshold', 'eDivisive', 'manual'], description: 'Granary: the model that found it, or manual' })
  model: string;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Granary: the series fingerprint' })
  fingerprint: Record<string, unknown> | null;

  @ApiProperty({ type: 'number', nullable: true })
  oldMean: number | null;

  @ApiProperty({ type: 'number', nullable: true })
  newMean: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'newMean / oldMean − 1' })
  relativeDifference: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'eDivisive: permutation p-value' })
  pValue: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Who confirmed or ignored it' })
  decidedBy: string | null;

  @ApiProperty({ type: 'integer', format: 'int64', nullable: true, description: 'When (epoch ms)' })
  decidedAt: number | null;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'When it was found or added (epoch ms)' })
  createdAt: number;
}

/** Horreum's PUT body is a whole Change; Granary reads `confirmed` and `ignored`. */
export class ChangeUpdateDto {
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  id?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  confirmed?: boolean;

  @ApiPropertyOptional({ description: 'Granary: dismiss the change (it stays, and does not fire again)' })
  @IsOptional()
  @IsBoolean()
  ignored?: boolean;

  /** The rest of Horreum's Change (variable, dataset, description...) is accepted and ignored. */
  @Allow()
  variable?: unknown;
  @Allow()
  dataset?: unknown;
  @Allow()
  timestamp?: unknown;
  @Allow()
  description?: unknown;
}

export class ManualChangeDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  variableId: number;

  @ApiProperty({ type: 'integer', description: 'The dataset where the change starts' })
  @IsInt()
  datasetId: number;

  @ApiPropertyOptional({ example: 'New JIT compiler' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class OutlierDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  variableId: number;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  datasetId: number;

  @ApiProperty({ description: 'true flags the point (detection skips it), false clears the flag' })
  @IsDefined()
  @IsBoolean()
  outlier: boolean;
}

export class SeriesPointDto {
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Epoch ms' })
  time: number;

  @ApiProperty({ type: 'number' })
  value: number;

  @ApiProperty({ type: 'integer' })
  datasetId: number;

  @ApiProperty({ type: 'integer' })
  runId: number;

  @ApiProperty({ type: 'integer' })
  ordinal: number;

  @ApiProperty()
  outlier: boolean;
}

export class SeriesDto {
  @ApiProperty({ type: VariableDto })
  variable: VariableDto;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  fingerprint: Record<string, unknown> | null;

  @ApiProperty({ description: 'The series key: md5 of the fingerprint' })
  hash: string;

  @ApiProperty({ type: 'integer', description: 'Points of the series in the time range, before reduction' })
  total: number;

  @ApiProperty({ description: 'Whether points were left out for drawing (largest-triangle-three-buckets; never a change point)' })
  reduced: boolean;

  @ApiProperty({ type: [SeriesPointDto] })
  points: SeriesPointDto[];

  @ApiProperty({ type: [ChangeDto] })
  changes: ChangeDto[];
}

export class FingerprintSeriesDto {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  fingerprint: Record<string, unknown> | null;

  @ApiProperty()
  hash: string;

  @ApiProperty({ type: 'integer', description: 'Datapoints (over all variables)' })
  datapoints: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Newest datapoint (epoch ms)' })
  lastTime: number;
}

export class RecentChangeTestDto {
  @ApiProperty({ type: 'integer' })
  id: number;

  @ApiProperty()
  name: string;
}

export class RecentChangeDto extends ChangeDto {
  @ApiProperty({ type: RecentChangeTestDto })
  test: RecentChangeTestDto;
}

export class RecentChangesDto {
  @ApiProperty({ type: [RecentChangeDto] })
  changes: RecentChangeDto[];

  @ApiProperty({ type: 'integer' })
  total: number;
}

/** Horreum's DatapointRecalculationStatus, with Granary's state. */
export class DatapointRecalculationStatusDto {
  @ApiProperty({ type: 'integer', description: 'Percent done (0-100)' })
  percentage: number;

  @ApiProperty({ type: 'integer' })
  done: number;

  @ApiProperty({ type: 'integer' })
  totalDatasets: number;

  @ApiProperty({ type: 'integer', description: 'Values that could not be computed' })
  errors: number;

  @ApiProperty({ type: [Number], description: 'Horreum field; Granary lists none' })
  datasetsWithoutValue: number[];

  @ApiProperty({ description: 'Granary: no recalculation is queued or running' })
  finished: boolean;
}

export class ConditionComponentDto {
  @ApiProperty() name: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['LOG_SLIDER', 'ENUM', 'NUMBER_BOUND', 'SWITCH'] }) type: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) properties: Record<string, unknown>;
}

/** Horreum's ConditionConfig: a model's metadata for rendering its form. */
export class ConditionConfigDto {
  @ApiProperty() name: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [ConditionComponentDto] }) ui: ConditionComponentDto[];
  @ApiProperty({ type: 'object', additionalProperties: true }) defaults: Record<string, unknown>;
}

export class TestQueryDto {
  @ApiProperty({ type: 'integer', description: 'Test id' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  test: number;
}

export class OptionalTestQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Test id (all visible tests when absent)' })
  @IntQuery(1)
  test?: number;
}

export class ChangesQueryDto {
  @ApiProperty({ type: 'integer', description: 'Variable id' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  var: number;

  @ApiPropertyOptional({ description: 'The series fingerprint as JSON (Horreum), or its hash (Granary)', example: '{"buildType":"release"}' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  fingerprint?: string;
}

export class SeriesQueryDto extends ChangesQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Most points to answer (default 1000); longer series are reduced', example: 500 })
  @IntQuery(3, 100_000)
  points?: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int64', description: 'From (epoch ms)' })
  @IntQuery(0, Number.MAX_SAFE_INTEGER)
  from?: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int64', description: 'To (epoch ms)' })
  @IntQuery(0, Number.MAX_SAFE_INTEGER)
  to?: number;
}

export class RecentChangesQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Page size (default 25)' })
  @IntQuery(1, 500)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', description: '1-based page' })
  @IntQuery(0)
  page?: number;
}

/** Horreum's body of POST /api/alerting/changeDetection: the test's timeline and fingerprint settings. */
export class ChangeDetectionSettingsDto {
  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  timelineLabels?: string[] | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  timelineFunction?: string | null;

  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  fingerprintLabels?: string[] | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  fingerprintFilter?: string | null;
}

export class TestIdQueryDto {
  @ApiProperty({ type: 'integer', description: 'Test id' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  testId: number;
}

/** Horreum's LastDatapointsParams. */
export class LastDatapointsRequestDto {
  @ApiProperty({ type: [Number], description: 'Variable ids' })
  @IsArray()
  @IsInt({ each: true })
  variables: number[];

  @ApiProperty({ description: 'The series fingerprint as JSON (or its hash)', example: '{"host":"a1"}' })
  @IsString()
  @MaxLength(10_000)
  fingerprint: string;
}

export class LastDatapointDto {
  @ApiProperty({ type: 'integer' })
  variable: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Epoch ms of the newest datapoint' })
  timestamp: number;
}
