import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ACCESS_VALUES, type AccessValue } from '../../tests/dto/test.dto';

/** Horreum's `SchemaDescriptor`, as a label value names its schema. */
@ApiSchema({ name: 'LabelValueSchema' })
export class SchemaDescriptorDto {
  @ApiProperty({ type: 'integer', format: 'int32', example: 1 })
  id: number;

  @ApiProperty({ example: 'my-benchmark-schema' })
  name: string;

  @ApiProperty({ example: 'urn:my-benchmark:0.1' })
  uri: string;
}

/** Horreum's `SchemaUsage`: where a schema was found in a run or dataset. */
@ApiSchema({ name: 'SchemaUsage' })
export class SchemaUsageDto extends SchemaDescriptorDto {
  @ApiProperty({ type: 'integer', format: 'int32', description: '0: the run data, 1: its metadata (datasets: always 0)', example: 0 })
  source: number;

  @ApiProperty({ type: 'integer', format: 'int32', description: 'Runs: 0 the root, 1 a first-level key, 2 an array element; datasets: 1', example: 0 })
  type: number;

  @ApiPropertyOptional({ description: 'The key or array index (datasets: the index in the dataset)', example: '' })
  key?: string;

  @ApiProperty({ description: 'Whether the schema has a JSON Schema to validate against' })
  hasJsonSchema: boolean;
}

/** Horreum's `ValidationError`. */
@ApiSchema({ name: 'ValidationError' })
export class ValidationErrorDto {
  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  schemaId: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The validator\'s error: `type`, `message`, and where' })
  error: Record<string, unknown>;
}

/** Horreum's `Dataset`: one of the documents a run was transformed into. */
@ApiSchema({ name: 'Dataset' })
export class DatasetDto {
  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  id: number;

  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  runId: number;

  @ApiProperty({ type: 'integer', format: 'int32', description: 'Test id', example: 101 })
  testid: number;

  @ApiProperty({ type: 'integer', format: 'int32', description: 'Position among the datasets of its run, from 0', example: 0 })
  ordinal: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Start, epoch milliseconds', example: 1704965908267 })
  start: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Stop, epoch milliseconds', example: 1704965908267 })
  stop: number;

  @ApiPropertyOptional()
  description?: string;

  @ApiProperty({ example: 'performance-team' })
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access' })
  access: AccessValue;

  @ApiProperty({ type: 'array', items: {}, description: 'The dataset: an array of schema-tagged objects' })
  data: unknown;

  @ApiPropertyOptional({ type: [ValidationErrorDto] })
  validationErrors?: ValidationErrorDto[];
}

/** Horreum's `DatasetSummary`, a row of the dataset lists. */
@ApiSchema({ name: 'DatasetSummary' })
export class DatasetSummaryDto {
  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  id: number;

  @ApiProperty({ type: 'integer', format: 'int32', example: 202 })
  runId: number;

  @ApiProperty({ type: 'integer', format: 'int32', example: 0 })
  ordinal: number;

  @ApiProperty({ type: 'integer', format: 'int32', example: 12 })
  testId: number;

  @ApiProperty({ example: 'my-comprehensive-benchmark' })
  testname: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Epoch milliseconds' })
  start: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Epoch milliseconds' })
  stop: number;

  @ApiProperty({ example: 'performance-team' })
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access' })
  access: AccessValue;

  @ApiProperty({ type: [SchemaUsageDto] })
  schemas: SchemaUsageDto[];

  @ApiPropertyOptional({ type: [ValidationErrorDto] })
  validationErrors?: ValidationErrorDto[];
}

/** Horreum's `DatasetList`. */
@ApiSchema({ name: 'DatasetList' })
export class DatasetListDto {
  @ApiProperty({ type: 'integer', format: 'int64', description: 'How many datasets match (filters applied), over all pages', example: 64 })
  total: number;

  @ApiProperty({ type: [DatasetSummaryDto] })
  datasets: DatasetSummaryDto[];
}

/** Horreum's `LabelValue`: one label's value on one dataset. */
@ApiSchema({ name: 'LabelValue' })
export class LabelValueDto {
  @ApiProperty({ type: 'integer', format: 'int32', description: 'The label id', example: 101 })
  id: number;

  @ApiProperty({ example: 'throughput' })
  name: string;

  @ApiProperty({ type: SchemaDescriptorDto })
  schema: SchemaDescriptorDto;

  @ApiPropertyOptional({ description: 'Any JSON value; absent when the label has no value (see `error`)' })
  value?: unknown;

  @ApiPropertyOptional({ description: 'Granary: why there is no value (the function threw, timed out, ...)' })
  error?: string;
}

/** Horreum's `ExportedLabelValues`: a dataset's label values by name. */
@ApiSchema({ name: 'ExportedLabelValues' })
export class ExportedLabelValuesDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Label name → value', example: { throughput: 1530.2, arch: 'x86_64' } })
  values: Record<string, unknown>;

  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  runId: number;

  @ApiProperty({ type: 'integer', format: 'int32', example: 202 })
  datasetId: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Start, epoch milliseconds (Horreum\'s server writes numbers)' })
  start: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Stop, epoch milliseconds' })
  stop: number;
}
