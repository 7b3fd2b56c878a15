/** What samples/articles/harbour-levy-vote.html declares about itself, as the readers publish it. */
export const harbourLevyMetadata = {
  authors: [
    { name: 'Morag Lindsay', url: 'https://www.courier.example/authors/morag-lindsay' },
    { name: 'Tom Achebe' },
  ],
  datePublished: '2024-03-08T18:40:00+00:00',
  dateModified: '2024-03-09T08:15:00+00:00',
  section: 'Local news',
  keywords: ['Harbour', 'Council', 'Fishing'],
  canonicalUrl: 'https://www.courier.example/news/harbour-levy-passes',
  images: [
    {
      url: 'https://cdn.courier.example/images/harbour-quay.jpg',
      alt: 'Fishing boats moored at the north quay',
      caption: 'Fishing boats moored at the north quay',
      credit: 'Courier/Ian Ross',
    },
  ],
};
