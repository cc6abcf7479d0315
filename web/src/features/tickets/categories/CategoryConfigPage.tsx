/**
 * 事件类型配置 (ticket:config): the category tree with each category's limit class and limits;
 * selecting one edits it, and new categories are added at the top or under the selected one.
 */
import { Button, Card, Col, Empty, Row, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useState } from 'react';
import type { Category } from '@gridgov/contracts';
import { useFeedback } from '../../../app/feedback';
import { useI18n, type Translate } from '../../../i18n/i18n';
import { limitClassLabel, limitText } from '../shared/labels';
import { categoryTree, useCategories, useForgetCategories, type CategoryNode } from '../shared/ticket-data';
import { CategoryForm } from './CategoryForm';

const CLASS_COLOR: Record<Category['limitClass'], string> = { emergency: 'red', utility: 'orange', general: 'blue', complex: 'purple' };

function treeData(nodes: readonly CategoryNode[], t: Translate): TreeDataNode[] {
  return nodes.map(({ category, children }) => ({
    key: category.id,
    title: (
      <span data-testid={`category-node-${category.code}`}>
        <span style={{ color: category.active ? undefined : '#999' }}>{category.name}</span>
        <Tag color={CLASS_COLOR[category.limitClass]} style={{ marginInlineStart: 8 }}>
          {limitClassLabel(t, category.limitClass)}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ticket.config.limits', { dispatch: limitText(t, category.dispatchMinutes), handle: limitText(t, category.handleMinutes) })}
        </Typography.Text>
        {!category.active && <Tag style={{ marginInlineStart: 8 }}>{t('ticket.config.inactive')}</Tag>}
      </span>
    ),
    children: treeData(children, t),
  }));
}

type Editing = { category: Category | null; parentId: string | null } | null;

export default function CategoryConfigPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const categories = useCategories();
  const forgetCategories = useForgetCategories();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const current = categories?.find((c) => c.id === selected) ?? null;

  return (
    <div data-testid="category-config-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space orientation="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('menu.ticketCategories')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('ticket.hint.categories')}</Typography.Text>
        </Space>
        <Space>
          <Button onClick={() => setEditing({ category: null, parentId: null })} data-testid="category-create">
            {t('ticket.config.createTop')}
          </Button>
          <Button type="primary" disabled={!current} onClick={() => setEditing({ category: null, parentId: current?.id ?? null })} data-testid="category-create-child">
            {t('ticket.config.createChild')}
          </Button>
        </Space>
      </Space>
      <Row gutter={12}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('ticket.config.tree')} styles={{ body: { maxHeight: 720, overflow: 'auto' } }}>
            {categories === null ? (
              <Spin style={{ display: 'block', margin: '60px auto' }} />
            ) : categories.length === 0 ? (
              <Empty />
            ) : (
              <Tree
                blockNode
                defaultExpandAll
                selectedKeys={selected ? [selected] : []}
                treeData={treeData(categoryTree(categories), t)}
                onSelect={(keys) => {
                  const id = keys[0] === undefined ? null : String(keys[0]);
                  setSelected(id);
                  const category = categories.find((c) => c.id === id) ?? null;
                  setEditing(category ? { category, parentId: category.parentId } : null);
                }}
                data-testid="category-tree"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          {editing && categories ? (
            <CategoryForm
              key={editing.category?.id ?? `new-${editing.parentId ?? 'top'}`}
              category={editing.category}
              parentId={editing.parentId}
              categories={categories}
              onCancel={() => setEditing(null)}
              onSaved={(saved) => {
                feedback.success(t('ticket.config.saved', { name: saved.name }));
                void forgetCategories();
                setSelected(saved.id);
                setEditing({ category: saved, parentId: saved.parentId });
              }}
            />
          ) : (
            <Card size="small">
              <Empty description={t('ticket.config.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
