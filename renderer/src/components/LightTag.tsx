/**
 * A coloured label that is a plain <span> with a class: antd's Tag registers its styles per instance, which
 * costs milliseconds on every page of a list (a tag in each row). Colours: styles.css `.light-tag-*`.
 */
export type LightTagColor = 'blue' | 'grey' | 'red' | 'orange' | 'cyan' | 'green' | 'purple' | 'gold';

export function LightTag({ color, children, className }: { color: LightTagColor; children: React.ReactNode; className?: string }) {
  return <span className={`light-tag light-tag-${color}${className ? ` ${className}` : ''}`}>{children}</span>;
}
