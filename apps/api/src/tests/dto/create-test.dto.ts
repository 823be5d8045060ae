import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ACCESS_VALUES, type AccessValue } from './test.dto';
import { UpdateTestRequest } from './update-test.dto';

/** Body of Horreum's `POST /api/test` (addTest), Horreum's Test: the analysis settings may be given at creation too. */
export class CreateTestRequest extends PickType(UpdateTestRequest, [
  'timelineLabels',
  'timelineFunction',
  'fingerprintLabels',
  'fingerprintFilter',
  'compareUrl',
  'notificationsEnabled',
] as const) {
  @ApiProperty({ example: 'my-comprehensive-benchmark' })
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'name must not start or end with spaces' })
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  folder?: string;

  @ApiProperty({ description: 'Owner team', example: 'performance-team' })
  @IsString()
  owner: string;

  @ApiPropertyOptional({ enum: ACCESS_VALUES, enumName: 'Access', default: 'PRIVATE' })
  @IsOptional()
  @IsIn([...ACCESS_VALUES, 0, 1, 2, '0', '1', '2'])
  access?: AccessValue | 0 | 1 | 2 | '0' | '1' | '2';
}
