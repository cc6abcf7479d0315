/**
 * The mediation agreement (人民调解协议书) as a Word document, from a template in Chinese: the
 * parties (names, sex, ethnic group, masked document numbers, addresses), the facts of the
 * dispute, the agreed terms, how and by when they are fulfilled, the mediators and the date.
 * Document numbers stay masked: the paper copy is signed with the originals at hand.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { codeList, type Dispute } from '@gridgov/contracts';

const nameOf = (list: string, code: string | null) => (code ? (codeList(list).items.find((i) => i.code === code)?.zh ?? code) : '');
const para = (text: string, bold = false) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, bold, font: 'SimSun', size: 24 })] });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, bold: true, font: 'SimHei', size: 28 })] });

export async function agreementDocument(d: Dispute, mediatorOrg: string | null): Promise<Buffer> {
  const agreement = d.agreement;
  if (!agreement) throw new Error('no agreement');
  const parties = d.parties.map((p, i) => {
    const bits = [
      `当事人${i + 1}：${p.name}`,
      p.sex ? `性别：${nameOf('sex', p.sex)}` : '',
      p.ethnicGroup ? `民族：${nameOf('ethnic_group', p.ethnicGroup)}` : '',
      p.idNumberMasked ? `${nameOf('id_document_type', p.idType)}：${p.idNumberMasked}` : '',
      p.address ? `住址：${p.address}` : '',
    ].filter(Boolean);
    return para(bits.join('\u3000'));
  });
  const summary = typeof d.answers.summary === 'string' ? d.answers.summary : '';
  const place = typeof d.answers.place === 'string' ? d.answers.place : '';
  const doc = new Document({
    creator: 'GridGov',
    title: `人民调解协议书（${d.name}）`,
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: '人民调解协议书', bold: true, font: 'SimHei', size: 36 })] }),
          para(`纠纷名称：${d.name}\u3000\u3000编号：${d.id.slice(0, 8).toUpperCase()}`),
          heading('一、当事人'),
          ...parties,
          heading('二、纠纷主要事实、争议事项'),
          para(`${d.occurredOn}，${place}。${summary}`),
          heading('三、经调解，自愿达成如下协议'),
          ...agreement.terms.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => para(line.trim())),
          heading('四、履行方式、时限'),
          para(`履行方式：${agreement.fulfilmentWay}`),
          para(`履行期限：${agreement.fulfilmentDeadline}前履行完毕。`),
          para('本协议书一式三份，当事人、人民调解委员会各持一份，自各方当事人签名、人民调解员签名并加盖人民调解委员会印章之日起生效。'),
          heading('五、签署'),
          para('当事人（签名）：'),
          para(`人民调解员（签名）：${d.mediatorName ?? ''}`),
          para(`调解组织（盖章）：${mediatorOrg ?? d.regionName}`),
          para(`日期：${agreement.agreedOn}`),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
