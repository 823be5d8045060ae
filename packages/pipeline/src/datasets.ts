/**
 * How a run becomes datasets (Horreum's rules, docs/concepts.md): every part of the run that
 * carries a known schema is either handed to a transformer the test selected for that schema,
 * or kept as it is ("naked"). Transformer results that are arrays spread over datasets by
 * index; objects repeat in every dataset; naked parts are appended to every dataset.
 */

/** One transformer's output for one run: the concatenation over every part it matched. */
export interface TransformerOutput {
  transformerId: number;
  targetSchemaUri: string | null;
  /** The function's results (or the extracted input, without a function), one per matched part. */
  results: unknown[];
}

export interface AssembledDatasets {
  /** Each dataset's `data` array. */
  datasets: unknown[][];
  warnings: string[];
}

/** Tags a transformer result with its target schema, as Horreum does. */
export function tagWithSchema(result: unknown, targetSchemaUri: string | null): unknown {
  if (!targetSchemaUri) {
    return result;
  }
  if (Array.isArray(result)) {
    return result.map((element) => tagWithSchema(element, targetSchemaUri));
  }
  if (result !== null && typeof result === 'object') {
    return '$schema' in result ? result : { $schema: targetSchemaUri, ...(result as Record<string, unknown>) };
  }
  return { $schema: targetSchemaUri, value: result };
}

/**
 * Datasets of one run. With several results from one transformer (it matched several parts),
 * arrays are concatenated and single values collected into an array.
 */
export function assembleDatasets(outputs: readonly TransformerOutput[], nakedParts: readonly unknown[]): AssembledDatasets {
  const warnings: string[] = [];
  const perTransformer = outputs.map((output) => {
    const tagged = output.results.map((r) => tagWithSchema(r, output.targetSchemaUri));
    if (tagged.length === 1) {
      return tagged[0];
    }
    return tagged.flatMap((r) => (Array.isArray(r) ? r : [r]));
  });
  const count = Math.max(1, ...perTransformer.map((r) => (Array.isArray(r) ? r.length : 1)));
  const datasets: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    const data: unknown[] = [];
    perTransformer.forEach((result, t) => {
      if (Array.isArray(result)) {
        if (i < result.length) {
          data.push(result[i]);
        } else if (i === result.length) {
          warnings.push(`Transformer ${outputs[t]!.transformerId} produced ${result.length} results where another produced ${count}: dataset ${i} and later might be missing some data.`);
        }
      } else {
        data.push(result);
      }
    });
    data.push(...nakedParts);
    datasets.push(data);
  }
  return { datasets, warnings };
}
