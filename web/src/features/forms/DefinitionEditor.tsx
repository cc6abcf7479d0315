/**
 * The definition as JSON, checked as you type: a JSON syntax error, or every problem the engine
 * finds (with its path), or that it checks out. The server's own problems, after a save it
 * refused, show the same way.
 */
import { Alert, Input, List, Typography } from 'antd';
import { definitionProblemMessage, type DefinitionProblem } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';

interface Props {
  text: string;
  onChange: (text: string) => void;
  readOnly: boolean;
  jsonError: string | null;
  problems: readonly DefinitionProblem[];
}

export function DefinitionEditor({ text, onChange, readOnly, jsonError, problems }: Props) {
  const { t, locale } = useI18n();
  return (
    <div>
      <Input.TextArea
        value={text}
        onChange={(e) => onChange(e.target.value)}
        readOnly={readOnly}
        spellCheck={false}
        autoSize={{ minRows: 18, maxRows: 36 }}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12.5, lineHeight: 1.5 }}
        data-testid="forms-editor-json"
      />
      <div style={{ marginTop: 8 }} data-testid="forms-editor-problems">
        {jsonError ? (
          <Alert type="error" showIcon title={t('formsConfig.jsonError', { message: jsonError })} data-testid="forms-editor-json-error" />
        ) : problems.length === 0 ? (
          <Alert type="success" showIcon title={t('formsConfig.noProblems')} data-testid="forms-editor-ok" />
        ) : (
          <Alert
            type="error"
            showIcon
            title={t('formsConfig.problems', { n: problems.length })}
            description={
              <List
                size="small"
                split={false}
                dataSource={[...problems]}
                renderItem={(p, i) => (
                  <List.Item key={`${p.path}-${i}`} style={{ padding: '2px 0', display: 'block' }} data-testid="forms-editor-problem">
                    <Typography.Text code>{p.path || '(root)'}</Typography.Text> {definitionProblemMessage(p, locale)}
                  </List.Item>
                )}
              />
            }
          />
        )}
      </div>
    </div>
  );
}
