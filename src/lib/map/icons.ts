/**
 * The map's icons (layers.ts `ICONS`), drawn on a canvas at run time: no sprite file to host, and
 * they work with the offline basemap, which has no sprite at all. Browser only.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ICONS, type IconSpec } from './layers';

const PIXEL_RATIO = 2;

function draw(spec: IconSpec): ImageData | null {
	const size = spec.size * PIXEL_RATIO;
	const canvas = document.createElement('canvas');
	canvas.width = size;
	canvas.height = size;
	const ctx = canvas.getContext('2d');
	if (!ctx) return null;
	const border = 2 * PIXEL_RATIO;
	const inset = border / 2 + 1;
	ctx.lineJoin = 'round';
	ctx.beginPath();
	if (spec.shape === 'square') {
		const r = size * 0.18;
		ctx.roundRect(inset, inset, size - 2 * inset, size - 2 * inset, r);
	} else {
		ctx.moveTo(size / 2, inset);
		ctx.lineTo(size - inset, size - inset);
		ctx.lineTo(inset, size - inset);
		ctx.closePath();
	}
	if (spec.shape === 'triangle-hollow') {
		// White inside, thick coloured edge, white halo: reads as "not filled" on any background.
		ctx.fillStyle = '#FFFFFF';
		ctx.fill();
		ctx.lineWidth = border * 1.6;
		ctx.strokeStyle = spec.colour;
		ctx.stroke();
		// The count drawn on a hollow cluster needs a dark colour: see iconPointLayers' countColour.
	} else {
		ctx.fillStyle = spec.colour;
		ctx.fill();
		ctx.lineWidth = border;
		ctx.strokeStyle = '#FFFFFF';
		ctx.stroke();
	}
	return ctx.getImageData(0, 0, size, size);
}

/** Adds every icon the layers use, once per map (a style change drops them: call again). */
export function addIcons(map: MapLibreMap): void {
	for (const [name, spec] of Object.entries(ICONS)) {
		if (map.hasImage(name)) continue;
		const image = draw(spec);
		if (image) map.addImage(name, image, { pixelRatio: PIXEL_RATIO });
	}
}
