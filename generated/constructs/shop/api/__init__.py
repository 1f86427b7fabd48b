"""The API groups, one class each for blocking and asyncio use, and each one's raw-response variant."""

from .animals import (
    AnimalsApi,
    AnimalsApiWithRawResponse,
    AsyncAnimalsApi,
    AsyncAnimalsApiWithRawResponse,
)
from .customers import (
    AsyncCustomersApi,
    AsyncCustomersApiWithRawResponse,
    CustomersApi,
    CustomersApiWithRawResponse,
)
from .files import (
    AsyncFilesApi,
    AsyncFilesApiWithRawResponse,
    FilesApi,
    FilesApiWithRawResponse,
)
from .notes import (
    AsyncNotesApi,
    AsyncNotesApiWithRawResponse,
    NotesApi,
    NotesApiWithRawResponse,
)
from .pens import (
    AsyncPensApi,
    AsyncPensApiWithRawResponse,
    PensApi,
    PensApiWithRawResponse,
)
from .search import (
    AsyncSearchApi,
    AsyncSearchApiWithRawResponse,
    SearchApi,
    SearchApiWithRawResponse,
)

__all__ = [
    "AnimalsApi",
    "AnimalsApiWithRawResponse",
    "AsyncAnimalsApi",
    "AsyncAnimalsApiWithRawResponse",
    "AsyncCustomersApi",
    "AsyncCustomersApiWithRawResponse",
    "AsyncFilesApi",
    "AsyncFilesApiWithRawResponse",
    "AsyncNotesApi",
    "AsyncNotesApiWithRawResponse",
    "AsyncPensApi",
    "AsyncPensApiWithRawResponse",
    "AsyncSearchApi",
    "AsyncSearchApiWithRawResponse",
    "CustomersApi",
    "CustomersApiWithRawResponse",
    "FilesApi",
    "FilesApiWithRawResponse",
    "NotesApi",
    "NotesApiWithRawResponse",
    "PensApi",
    "PensApiWithRawResponse",
    "SearchApi",
    "SearchApiWithRawResponse",
]
