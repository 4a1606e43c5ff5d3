/**
 * Draws an Observable Plot chart of the dossier in the browser (Plot needs a real DOM; the
 * server renders the data table, the fallback). Shared by the bar charts, the choropleth and the
 * map picture so they behave alike:
 * - the host element (role img) carries the alt text: the drawing is aria-hidden and its inner
 *   labels (Plot names its groups with aria-label) stay out of assistive tech;
 * - the chart reports `pending` until its drawing is in place, then `drawn`, or `failed` when
 *   Plot throws (the table still gives the data): the server's PDF waits while any is pending.
 */
import type * as PlotModule from '@observablehq/plot';

export type ChartState = 'pending' | 'drawn' | 'failed';

/** Starts drawing into `host`; returns the cleanup for the $effect that called it. */
export function drawPlot(
	host: HTMLElement,
	build: (Plot: typeof PlotModule) => Element,
	onState: (state: ChartState) => void
): () => void {
	let cancelled = false;
	let chart: Element | undefined;
	onState('pending');
	void import('@observablehq/plot')
		.then((Plot) => {
			if (cancelled) return;
			chart = build(Plot);
			chart.setAttribute('aria-hidden', 'true');
			for (const g of chart.querySelectorAll('[aria-label]')) g.removeAttribute('aria-label');
			host.replaceChildren(chart);
			onState('drawn');
		})
		.catch((cause: unknown) => {
			console.error('[maillage] chart', cause);
			if (!cancelled) onState('failed');
		});
	return () => {
		cancelled = true;
		chart?.remove();
	};
}
