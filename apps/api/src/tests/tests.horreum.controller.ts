import { Access } from '../auth/access.decorator';
import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerParam, type Caller, type UserCaller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { ListTestsQuery } from './dto/list-tests.query';
import { CreateTestRequest } from './dto/create-test.dto';
import { TestDto, TestQueryResult } from './dto/test.dto';
import { TestsService } from './tests.service';

/** Horreum-compatible test endpoints (paths, parameters and shapes of Horreum 0.20). */
@ApiTags('Test')
@Controller('test')
export class TestsHorreumController {
  constructor(@Inject(TestsService) private readonly tests: TestsService) {}

  @Post()
  @Access('authenticated')
  @ApiOperation({ operationId: 'addTest', summary: 'Create a test owned by a team you are a tester of' })
  @ApiCreatedResponse({ type: TestDto })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  create(@CallerParam() caller: UserCaller, @Body() body: CreateTestRequest): Promise<TestDto> {
    return this.tests.create(caller, body);
  }

  @Get()
  @Access('public')
  @ApiOperation({ operationId: 'listTests', summary: 'List the tests the caller may see, a page at a time, with their count' })
  @ApiOkResponse({ type: TestQueryResult })
  @ApiProblemResponses(400)
  list(@CallerParam() caller: Caller, @Query() query: ListTestsQuery): Promise<TestQueryResult> {
    return this.tests.list(caller, query);
  }
}
