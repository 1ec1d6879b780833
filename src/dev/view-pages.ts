import { project } from '../core/project/project.ts';
import type { Site } from '../core/schema/site.ts';
import type { Advisory } from '../core/validate/advisory.ts';
import type { Content } from '../core/validate/content.ts';
import { pageData, productIndex, type PageAdvisory, type PageData } from '../render/stage.ts';
import type { PreviewView } from './preview-view.ts';

/**
 * A view's page data, kept from one save to the next: each advisory is
 * projected and its Markdown rendered once, and again only when it is a new
 * object (its file was parsed again) or the view, its URL or the instant
 * changed. The lists, products and order are made afresh each time, which
 * costs next to nothing.
 */
export class ViewPages {
  #key = '';
  #pages = new WeakMap<Advisory, PageAdvisory | null>();
  /** How many advisories the last call projected and rendered. */
  projected = 0;

  /** The page data of `preview` as of `at`, and the assets its visible advisories refer to. */
  pages(content: Content, preview: PreviewView, at: { ms: number; text: string }): { data: PageData; assets: Set<string> } {
    const { view, baseUrl } = preview;
    // As a render's staging has it: the tiers up to the view's, no classes, nothing of the tiers above.
    const site: Site = { ...content.site, tiers: content.site.tiers.slice(0, view.rank + 1), classes: {} };
    const key = JSON.stringify([view, baseUrl, at.ms, site]);
    if (key !== this.#key) {
      this.#key = key;
      this.#pages = new WeakMap();
    }
    this.projected = 0;
    const advisories: PageAdvisory[] = [];
    for (const advisory of content.advisories) {
      let page = this.#pages.get(advisory);
      if (page === undefined) {
        const projected = project(advisory, view, at.ms);
        page = projected ? pageData({ site, tier: view.tier, at: at.text, advisories: [projected], baseUrl }).advisories[0]! : null;
        this.#pages.set(advisory, page);
        this.projected++;
      }
      if (page) advisories.push(page);
    }
    // pageData's order: newest first, then by id, newest first.
    advisories.sort((a, b) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1));
    const frame = pageData({ site, tier: view.tier, at: at.text, advisories: [], baseUrl });
    return {
      data: { ...frame, advisories, products: productIndex(advisories) },
      assets: new Set(advisories.flatMap((advisory) => advisory.assets)),
    };
  }
}
