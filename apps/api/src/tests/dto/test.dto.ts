import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

export const ACCESS_VALUES = ['PUBLIC', 'PROTECTED', 'PRIVATE'] as const;
export type AccessValue = (typeof ACCESS_VALUES)[number];

/** Horreum's `Test` (a series of comparable runs); fields Granary does not have yet are omitted. */
export class TestDto {
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Unique test id', example: 101 })
  id: number;

  @ApiProperty({ description: 'Test name, unique in this instance', example: 'my-comprehensive-benchmark' })
  name: string;

  @ApiPropertyOptional({ description: 'Folder the test is kept in, for organising the UI', example: 'My Team Folder' })
  folder?: string;

  @ApiPropertyOptional({ description: 'Description of the test' })
  description?: string;

  @ApiProperty({ description: 'Name of the team that owns the test', example: 'performance-team' })
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access', description: 'Who may see the test', example: 'PUBLIC' })
  access: AccessValue;

  @ApiProperty({ type: [String], description: 'Label names whose value orders datasets in time (else the run start)', example: [] })
  timelineLabels: string[];

  @ApiPropertyOptional({ description: 'Function turning the timeline label values into a timestamp', example: 'timestamp => timestamp' })
  timelineFunction?: string;

  @ApiProperty({ type: [String], description: 'Label names whose values identify comparable datasets', example: ['arch'] })
  fingerprintLabels: string[];

  @ApiPropertyOptional({ description: 'Predicate on the fingerprint; false keeps a dataset out of change detection', example: 'value => value === "true"' })
  fingerprintFilter?: string;

  @ApiPropertyOptional({ description: 'Function building a link to an external comparison of runs' })
  compareUrl?: string;

  @ApiProperty({ description: 'Whether subscribers are notified of changes in this test', example: true })
  notificationsEnabled: boolean;

  @ApiPropertyOptional({ type: () => [TestTransformerDto], description: 'Transformers the test applies (answered by getTest)' })
  transformers?: TestTransformerDto[];
}

/** Horreum's `Transformer` as a test lists it. */
@ApiSchema({ name: 'TestTransformer' })
export class TestTransformerDto {
  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  id: number;

  @ApiProperty({ example: 'normalize-techempower-result' })
  name: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional({ example: 'urn:normalized-techempower:0.1' })
  targetSchemaUri?: string;

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '`[{name, jsonpath, isarray}]`' })
  extractors: unknown[];

  @ApiPropertyOptional()
  function?: string;

  @ApiProperty({ type: 'integer', format: 'int32' })
  schemaId: number;

  @ApiProperty()
  schemaUri: string;

  @ApiProperty()
  schemaName: string;

  @ApiProperty({ example: 'performance-team' })
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access' })
  access: AccessValue;
}

export class TestQueryResult {
  @ApiProperty({ type: [TestDto], description: 'The tests of this page' })
  tests: TestDto[];

  @ApiProperty({ type: 'integer', format: 'int64', description: 'How many tests the caller may see in all', example: 64 })
  count: number;
}

/** Horreum's `TestSummary`: a test with its dataset and run counts (`GET /api/test/summary`). */
@ApiSchema({ name: 'TestSummary' })
export class TestSummaryDto {
  @ApiProperty({ type: 'integer', format: 'int32', example: 101 })
  id: number;

  @ApiProperty({ example: 'my-comprehensive-benchmark' })
  name: string;

  @ApiPropertyOptional({ example: 'My Team Folder' })
  folder?: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiProperty({ type: 'integer', description: 'How many datasets the test has (that the caller may see)', example: 202 })
  datasets: number;

  @ApiProperty({ type: 'integer', description: 'How many runs the test has, trashed ones not counted (that the caller may see)', example: 101 })
  runs: number;

  @ApiProperty({ example: 'performance-team' })
  owner: string;

  @ApiProperty({ enum: ACCESS_VALUES, enumName: 'Access' })
  access: AccessValue;
}

/** Horreum's `TestListing`. */
@ApiSchema({ name: 'TestListing' })
export class TestListingDto {
  @ApiProperty({ type: [TestSummaryDto] })
  tests: TestSummaryDto[];

  @ApiProperty({ type: 'integer', format: 'int64', description: 'How many tests match, over all pages', example: 64 })
  count: number;
}
