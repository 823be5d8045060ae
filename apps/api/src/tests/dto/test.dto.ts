import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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
}

export class TestQueryResult {
  @ApiProperty({ type: [TestDto], description: 'The tests of this page' })
  tests: TestDto[];

  @ApiProperty({ type: 'integer', format: 'int64', description: 'How many tests the caller may see in all', example: 64 })
  count: number;
}
