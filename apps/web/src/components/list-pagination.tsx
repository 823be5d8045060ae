'use client';

import { Pagination } from '@patternfly/react-core';
import { PAGE_SIZES } from '../lib/paging';

const PER_PAGE_OPTIONS = PAGE_SIZES.map((size) => ({ title: String(size), value: size }));

interface ListPaginationProps {
  /** Rows in all pages; undefined when the API does not say (the next button then stays enabled while `hasMore`). */
  itemCount: number | undefined;
  page: number;
  limit: number;
  /** Names the navigation landmark, e.g. "Runs pages". */
  label: string;
  variant: 'top' | 'bottom';
  /** Goes to another page or page size (view state lives in the URL). */
  onChange: (change: { page: number; limit?: number }) => void;
  isCompact?: boolean;
}

/** PatternFly pagination for a list whose page and size live in the URL. */
export function ListPagination({ itemCount, page, limit, label, variant, onChange, isCompact }: ListPaginationProps) {
  return (
    <Pagination
      itemCount={itemCount}
      page={page}
      perPage={limit}
      perPageOptions={PER_PAGE_OPTIONS}
      onSetPage={(_event, newPage) => onChange({ page: newPage })}
      onPerPageSelect={(_event, newLimit) => onChange({ page: 1, limit: newLimit })}
      widgetId={`${label.toLowerCase().replace(/\W+/g, '-')}-${variant}`}
      titles={{ paginationAriaLabel: `${label}, ${variant}` }}
      variant={variant}
      isCompact={isCompact}
    />
  );
}
