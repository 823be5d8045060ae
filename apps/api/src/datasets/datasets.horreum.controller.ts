import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CallerParam, type Caller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { DatasetDto, DatasetListDto, DatasetSummaryDto, LabelValueDto } from './dto/dataset.dto';
import { ListDatasetsBySchemaQuery, ListDatasetsQuery } from './dto/list-datasets.query';
import { IdParam } from './dto/query-params';
import { DatasetsService } from './datasets.service';

/** Horreum-compatible dataset endpoints (paths, parameters and shapes of Horreum 0.20). */
@ApiTags('Dataset')
@Controller('dataset')
export class DatasetsHorreumController {
  constructor(@Inject(DatasetsService) private readonly datasets: DatasetsService) {}

  @Get('list/byTest/:testId')
  @Access('public')
  @ApiOperation({ operationId: 'listByTest', summary: "A page of a test's datasets with their total; `filter` matches label values, `fingerprint` the series" })
  @ApiOkResponse({ type: DatasetListDto })
  @ApiProblemResponses(400, 404)
  listByTest(@CallerParam() caller: Caller, @IdParam('testId') testId: number, @Query() query: ListDatasetsQuery): Promise<DatasetListDto> {
    return this.datasets.listByTest(caller, testId, query);
  }

  @Get('list/byRun/:runId')
  @Access('public')
  @ApiOperation({ operationId: 'listByRun', summary: "A page of a run's datasets with their total" })
  @ApiOkResponse({ type: DatasetListDto })
  @ApiProblemResponses(400, 404)
  listByRun(@CallerParam() caller: Caller, @IdParam('runId') runId: number, @Query() query: ListDatasetsQuery): Promise<DatasetListDto> {
    return this.datasets.listByRun(caller, runId, query);
  }

  @Get('list/bySchema')
  @Access('public')
  @ApiOperation({ operationId: 'listDatasetsBySchema', summary: 'A page of the datasets that carry a schema URI, with their total' })
  @ApiOkResponse({ type: DatasetListDto })
  @ApiProblemResponses(400)
  listBySchema(@CallerParam() caller: Caller, @Query() query: ListDatasetsBySchemaQuery): Promise<DatasetListDto> {
    return this.datasets.listBySchema(caller, query);
  }

  @Get(':datasetId/labelValues')
  @Access('public')
  @ApiOperation({ operationId: 'getDatasetLabelValues', summary: "A dataset's label values, with each label's schema" })
  @ApiOkResponse({ type: [LabelValueDto] })
  @ApiProblemResponses(400, 404)
  labelValues(@CallerParam() caller: Caller, @IdParam('datasetId') datasetId: number): Promise<LabelValueDto[]> {
    return this.datasets.labelValues(caller, datasetId);
  }

  @Get(':datasetId/summary')
  @Access('public')
  @ApiOperation({ operationId: 'getDatasetSummary', summary: 'A dataset with its test name, schemas and validation errors (`viewId` is accepted and ignored)' })
  @ApiOkResponse({ type: DatasetSummaryDto })
  @ApiProblemResponses(400, 404)
  summary(@CallerParam() caller: Caller, @IdParam('datasetId') datasetId: number): Promise<DatasetSummaryDto> {
    return this.datasets.summary(caller, datasetId);
  }

  @Get(':id')
  @Access('public')
  @ApiOperation({ operationId: 'getDataset', summary: 'A dataset, with its data' })
  @ApiOkResponse({ type: DatasetDto })
  @ApiProblemResponses(400, 404)
  get(@CallerParam() caller: Caller, @IdParam('id') id: number): Promise<DatasetDto> {
    return this.datasets.get(caller, id);
  }
}
