/**
 * A titled box of the dashboard: an antd card in the console, a framed dark panel on the big
 * screen. The body fills the height it is given; `testId` names the panel for the browser tests.
 */
import { Card } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useLook } from './look';

interface Props {
  title: ReactNode;
  extra?: ReactNode;
  testId: string;
  /** Height of the body in the console (the big screen's grid sizes its panels). */
  height?: number;
  style?: CSSProperties;
  children: ReactNode;
}

export function Panel({ title, extra, testId, height, style, children }: Props) {
  const { big } = useLook();
  if (big) {
    return (
      <section className="gg-bs-panel" data-testid={testId} style={style}>
        <header className="gg-bs-panel-head">
          <h2>{title}</h2>
          {extra && <div className="gg-bs-panel-extra">{extra}</div>}
        </header>
        <div className="gg-bs-panel-body">{children}</div>
      </section>
    );
  }
  return (
    <Card
      size="small"
      title={title}
      extra={extra}
      data-testid={testId}
      style={style}
      styles={{ body: { height, padding: 12, display: 'flex', flexDirection: 'column', minHeight: 0 } }}
    >
      {children}
    </Card>
  );
}
