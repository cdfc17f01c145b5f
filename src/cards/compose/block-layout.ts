import satori, { type Font } from 'satori';
// A type only (erased at run time): the workers still load no font manifest schema through the index.
import type { FontAssets } from '../fonts/index.js';
import type { CardTemplate } from '../spec.js';
import {
  type CardElement,
  type FittedHeadline,
  fitHeadline,
  guessStep,
  HEADLINE_KEY,
  HEADLINE_LINE_HEIGHT,
  HEADLINE_PROBE_KEY,
  headlineProbe,
  TEMPLATES,
  type TemplateInput,
} from '../templates/index.js';
import { drawGlyphs, type GlyphDrawing, type GlyphLayout, glyphOverlap, textLength } from './glyph-layout.js';
import { layOutWithPositions } from './glyph-positions.js';
import { linesAtLeast } from './line-bound.js';

/** Headline fitting and the block's layout, for one composer (its fonts and lazily loaded font assets). */
export function createBlockLayout(fonts: Font[], assets: FontAssets) {
  /**
   * The largest headline step that fits, from probes of the headline alone with text as <text> (no glyph paths).
   * Lines are counted from the probe's laid-out height (every line is `HEADLINE_LINE_HEIGHT` em tall), so a line
   * holding only emoji pictures, or a row of Japanese phrase boxes, counts like any other.
   */
  async function fitToTemplate(template: CardTemplate, input: TemplateInput): Promise<FittedHeadline> {
    const definition = TEMPLATES[template];
    const width = definition.headlineStyle(input).width;
    return fitHeadline(
      definition.steps,
      (fontSize) => probeLines(template, input, fontSize),
      guessStep(definition.steps, input.headline, width),
    );
  }

  /** Lines the whole headline takes at `fontSize`, unclamped, from a probe with text as <text>. */
  async function probeLines(template: CardTemplate, input: TemplateInput, fontSize: number): Promise<number> {
    let height = 0;
    await satori(headlineProbe(template, input, fontSize), {
      width: TEMPLATES[template].headlineStyle(input).width,
      fonts,
      embedFont: false,
      loadAdditionalAsset: assets.loaderFor(input.cjk),
      onNodeDetected: (node) => {
        if (node.key === HEADLINE_PROBE_KEY) height = node.height;
      },
    });
    return Math.round(height / (fontSize * HEADLINE_LINE_HEIGHT));
  }

  function blockOptions(template: CardTemplate, input: TemplateInput) {
    return {
      width: TEMPLATES[template].blockWidth,
      fonts,
      embedFont: true,
      loadAdditionalAsset: assets.loaderFor(input.cjk),
    };
  }

  /**
   * The fitted headline and its block, laid out with glyph positions (glyph-layout.ts), in the same satori passes:
   * each step the search tries is measured by laying out the block itself, clamped one line later than the step
   * allows, which tells a headline that fits (its lines, at most the step's) from one that does not (one more), and
   * lays out exactly the block that is drawn when it fits (the clamp changes nothing then). A card thus costs two
   * layouts, not two probes and the block; the choice is fitToTemplate's (same search, same line counts).
   * Most cards take one layout: the step above the one that fits is known not to fit without laying it out when the
   * text laid out at the smaller size, scaled up, is longer than that step's lines can hold (tooLongFor).
   * A headline that fits no step gets the real clamp and its ellipsis (or, for Japanese phrase rows, its cut at the
   * last whole line) in one more pass, and its true line count from a probe.
   */
  async function fitBlock(template: CardTemplate, input: TemplateInput) {
    const definition = TEMPLATES[template];
    const options = blockOptions(template, input);
    // Glyph positions where the glyphs can be painted from masks (glyphOverlap); the outlines for resvg otherwise.
    const overlap = glyphOverlap(input.headline);
    // Outlines for resvg keep their glyph origins for the length bounds (glyph-positions.ts), emoji pictures aside.
    const positioned = !overlap && !EMOJI.test(input.headline);
    const layOut = async (
      block: CardElement,
      extra: Partial<Parameters<typeof satori>[1]> = {},
    ): Promise<GlyphLayout & { positions?: GlyphDrawing }> => {
      const draw = () => satori(block, { ...options, ...extra });
      if (overlap) return drawGlyphs(draw, overlap);
      if (!positioned) return { svg: await draw(), outlines: true };
      const { svg, positions } = await layOutWithPositions(draw);
      return positions ? { svg, outlines: true, positions } : { svg, outlines: true };
    };
    const finish = async (headline: FittedHeadline) => {
      const block = definition.block(input, headline);
      return { headline, block, glyphs: await layOut(block) };
    };
    // Japanese phrase rows are never clamped while they fit (headline.ts cuts only a row that overflows), so the
    // block laid out one line later than the step allows is the block drawn, as for other text. The length bounds
    // (tooLongFor) stay off for them: yoga rounds each phrase box to whole pixels, which the bounds' slack does not
    // account for, so every step the search tries is laid out.
    const phrases = input.prepared.phrases !== undefined && input.prepared.phrases.length > 1;
    const laidOut = new Map<number, { block: CardElement; glyphs: GlyphLayout & { positions?: GlyphDrawing } }>();
    const width = definition.headlineStyle(input).width;
    const fitted = await fitHeadline(
      definition.steps,
      async (fontSize) => {
        const step = definition.steps.find((candidate) => candidate.fontSize === fontSize)!;
        if (
          !phrases &&
          input.prepared.wordBreak !== 'keep-all' &&
          tooLongFor(step, width, laidOut, input.prepared.text)
        ) {
          return step.maxLines + 1;
        }
        const block = definition.block(input, { ...step, maxLines: step.maxLines + 1, lines: 0, clamped: false });
        let height = 0;
        const glyphs = await layOut(block, {
          onNodeDetected: (node) => {
            if (node.key === HEADLINE_KEY) height = node.height;
          },
        });
        laidOut.set(fontSize, { block, glyphs });
        return Math.round(height / (fontSize * HEADLINE_LINE_HEIGHT));
      },
      guessStep(definition.steps, input.headline, width),
    );
    if (fitted.clamped) return finish({ ...fitted, lines: await probeLines(template, input, fitted.fontSize) });
    const { block, glyphs } = laidOut.get(fitted.fontSize)!;
    return { headline: fitted, block, glyphs };
  }

  return { fitToTemplate, fitBlock, blockOptions, probeLines };
}

/**
 * Whether the headline cannot fit `step`, known from a layout at a smaller size without laying it out again. Every
 * advance in a line (glyphs, kerning, the em-based letter spacing) scales with the font size, and a line holds at most
 * `width` of text (words longer than a line break inside: `overflow-wrap: break-word`), so text whose lines add up to
 * more than `maxLines × width` at this size needs more lines than the step allows. The length is a lower bound (first
 * to last glyph origin of each line laid out), and each line is allowed half an em more for a space that a break at
 * this size would drop. Only with glyph positions (drawGlyphs, or layOutWithPositions where resvg draws the outlines);
 * never for `keep-all`, whose words do not break.
 */
function tooLongFor(
  step: { fontSize: number; maxLines: number },
  width: number,
  laidOut: ReadonlyMap<number, { glyphs: GlyphLayout & { positions?: GlyphDrawing } }>,
  text: string,
): boolean {
  for (const [fontSize, { glyphs }] of laidOut) {
    const drawing = glyphs.drawing ?? glyphs.positions;
    if (fontSize >= step.fontSize || !drawing) continue;
    const lineHeight = fontSize * HEADLINE_LINE_HEIGHT;
    const laid = textLength(drawing, lineHeight);
    if (laid !== undefined && laid * (step.fontSize / fontSize) > step.maxLines * (width + step.fontSize / 2)) {
      return true;
    }
    // Tighter: the lines the text's words need at this size, each line short of the next word (line-bound.ts).
    const lines = linesAtLeast(drawing, text, fontSize, step.fontSize, width, lineHeight);
    if (lines !== undefined && lines > step.maxLines) return true;
  }
  return false;
}

const EMOJI = /\p{Extended_Pictographic}/u;
