export { LABEL_INPUT_OF_DOCUMENT, JSONPATH_ERROR, COMPUTE_LABEL_VALUES, STORE_LABEL_VALUES, datasetData, datasetElement } from './sql';
export { Pipeline, type Evaluation, type FunctionRunner, type PipelineOptions, type StepResult } from './processor';
export { assembleDatasets, tagWithSchema, type TransformerOutput, type AssembledDatasets } from './datasets';
export { labelInput, parseExtractors, type Extractor } from './label-input';
export { SchemaValidator, externalRefs, type ValidationErrorDetail } from './validation';
export { PipelineWorker, type WorkerOptions } from './worker';
export { installJobQueue, QUEUE_SCHEMA, PIPELINE_QUEUE } from './queue';
export { previewJsonPath, previewLabelInput, translateJsonPath, type PreviewResult } from './jsonpath-preview';
export { evaluateMissingDataRules, evaluateMissingDataRule, checkMissingData, checkRunExpectations, isMatch } from './missing-data';
