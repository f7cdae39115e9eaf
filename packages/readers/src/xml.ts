/**
 * Streaming XML through saxes: strict well-formedness, namespaces resolved, and no DTD entity
 * expansion (an undefined entity is an error), so “billion laughs” and external entities cannot
 * get in. Handlers see local names and attributes by local name.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlTag {
  local: string;
  uri: string;
  /** Attribute values by local name (w:val → val). */
  attrs: Record<string, string>;
}

export interface XmlHandlers {
  open?(tag: XmlTag): void;
  close?(tag: XmlTag): void;
  text?(text: string): void;
}

export function parseXml(xml: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XmlTag[] = [];
  parser.on('opentag', (node: SaxesTagNS) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(node.attributes)) attrs[a.local] = a.value;
    const tag: XmlTag = { local: node.local, uri: node.uri, attrs };
    stack.push(tag);
    handlers.open?.(tag);
  });
  parser.on('closetag', () => {
    const tag = stack.pop();
    if (tag) handlers.close?.(tag);
  });
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
  parser.on('error', (error: Error) => {
    throw error;
  });
  parser.write(xml).close();
}
