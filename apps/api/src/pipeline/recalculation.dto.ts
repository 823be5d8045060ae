import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsArray, IsBoolean, IsDefined, IsInt, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

/** Horreum's RecalculationStatus, with Granary's progress fields. */
export class RecalculationStatusDto {
  @ApiProperty({ type: 'integer', format: 'int64', description: 'When the recalculation started (epoch ms); 0 when there was none', example: 1698013206000 })
  timestamp: number;

  @ApiProperty({ type: 'integer', description: 'Runs being transformed again', example: 152 })
  totalRuns: number;

  @ApiProperty({ type: 'integer', description: 'Runs done', example: 93 })
  finished: number;

  @ApiProperty({ type: 'integer', description: "The test's datasets now", example: 186 })
  datasets: number;

  @ApiProperty({ description: 'Granary: queued, running, done or failed; none when there was no recalculation', example: 'running' })
  state: string;

  @ApiProperty({ type: 'number', description: 'Granary: percent done (0-100)', example: 61.2 })
  percent: number;
}

/** One background recalculation of a test and its progress (Granary). */
export class RecalculationDto {
  @ApiProperty({ type: 'integer', example: 12 })
  id: number;

  @ApiProperty({ enum: ['labels', 'runs', 'fingerprints'], description: 'labels: some labels recomputed; runs: runs transformed again; fingerprints: fingerprints recomputed' })
  kind: string;

  @ApiProperty({ description: 'Why it runs', example: 'label throughput changed' })
  reason: string;

  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] })
  state: string;

  @ApiProperty({ type: 'integer', description: 'Items (datasets or runs) done', example: 5000 })
  done: number;

  @ApiProperty({ type: 'integer', description: 'Items to do', example: 10000 })
  total: number;

  @ApiProperty({ type: 'number', description: 'Percent done (0-100)', example: 50 })
  percent: number;

  @ApiProperty({ type: 'integer', description: 'Label values that could not be computed (function errors)', example: 0 })
  errors: number;

  @ApiProperty({ type: [Number], description: 'The labels recomputed (labels kind)' })
  labelIds: number[];

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Epoch ms' })
  createdAt: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int64', description: 'Epoch ms' })
  finishedAt?: number;
}

export class ExtractorDto {
  @ApiProperty({ description: 'Name (the key of the function input when there are several extractors)', example: 'throughput' })
  @IsString()
  @MaxLength(255)
  name: string;

  @ApiProperty({ description: 'PostgreSQL jsonpath (lax)', example: '$.results.throughput' })
  @IsString()
  @MaxLength(10_000)
  jsonpath: string;

  @ApiPropertyOptional({ description: 'All matches as an array (else the first match)', default: false })
  @IsOptional()
  @IsBoolean()
  isarray?: boolean;
}

/** The parts of a label a preview needs (Horreum's Label is accepted as is). */
export class PreviewLabelDto {
  @ApiProperty({ type: [ExtractorDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ExtractorDto)
  extractors: ExtractorDto[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Combination function (JavaScript function expression)', example: '({a, b}) => a / b' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  function?: string | null;

  @ApiPropertyOptional({ type: 'integer', description: "The label's schema: selects the part of a dataset or run it applies to" })
  @IsOptional()
  @IsInt()
  schemaId?: number;

  @Allow()
  name?: string;
  @Allow()
  id?: number;
  @Allow()
  owner?: string;
  @Allow()
  access?: string;
  @Allow()
  filtering?: boolean;
  @Allow()
  metrics?: boolean;
}

/** What a preview runs on: a run, a dataset, or a pasted document. */
export class PreviewTargetDto {
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  runId?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  datasetId?: number;

  @ApiPropertyOptional({ description: 'A JSON document' })
  @Allow()
  document?: unknown;
}

export class LabelPreviewRequestDto extends PreviewTargetDto {
  @ApiProperty({ type: PreviewLabelDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PreviewLabelDto)
  label: PreviewLabelDto;
}

export class JsonPathRequestDto extends PreviewTargetDto {
  @ApiProperty({ example: '$.results[*].throughput' })
  @IsString()
  @MaxLength(10_000)
  jsonpath: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isarray?: boolean;
}

/** Horreum's LabelPreview, with Granary's `error`. */
export class LabelPreviewDto {
  @ApiPropertyOptional({ description: 'The value (any JSON)' })
  value?: unknown;

  @ApiPropertyOptional({ description: "The function's console output and errors, as text (Horreum's shape)" })
  output?: string;

  @ApiPropertyOptional({ description: 'Granary: why there is no value' })
  error?: string;
}
