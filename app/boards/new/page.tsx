import NewRowPage from '../../[collection]/new/page';

export const dynamic = 'force-dynamic';

// /boards/[id] would otherwise catch /boards/new: hand it to the generic form.
export default function NewBoardPage() {
  return NewRowPage({ params: Promise.resolve({ collection: 'boards' }) });
}
