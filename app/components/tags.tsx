import { isMessageKey } from "~/i18n";
import { useT } from "./use-t";

/** An indicator tag in the reader's language; a tag an imported edition brought and we have no words for, as written. */
export function useTagLabel() {
  const t = useT();
  return (tag: string) => {
    const key = `tag.${tag}`;
    return isMessageKey(key) ? t(key) : tag;
  };
}
